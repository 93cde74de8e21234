// How well the rule planner reads requests it was not built on:
//   npx tsx bench/planner-eval.ts            both halves: accuracy, opposite readings, questions
//   npx tsx bench/planner-eval.ts --misses   also lists the DEV half's misses (never the held-out half's,
//                                            so nobody tunes the planner on it)
import { planWithRules } from "@/lib/engine/planner/rule-planner";
import { runEval } from "@/lib/engine/planner/eval/run-eval";

const showMisses = process.argv.includes("--misses");
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
const started = performance.now();
const halves = runEval(planWithRules);
const ms = performance.now() - started;

console.log("| half | rows | correct | accuracy | multi-step correct | opposite | clarified |");
console.log("|---|---|---|---|---|---|---|");
for (const h of halves) {
  console.log(`| ${h.half} | ${h.rows} | ${h.correct} | ${pct(h.correct, h.rows)} | ${h.multiStepCorrect}/${h.multiStep} | ${h.opposite} | ${h.clarified} |`);
}
const rows = halves.reduce((n, h) => n + h.rows, 0);
console.log(`\n${rows} requests planned in ${ms.toFixed(0)} ms (${(ms / rows).toFixed(2)} ms each); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
if (showMisses) {
  const dev = halves.find((h) => h.half === "dev")!;
  console.log(`\nDev half misses (${dev.misses.length}):`);
  for (const m of dev.misses) console.log(`${m.opposite ? "OPPOSITE " : ""}${JSON.stringify(m.request)}: ${m.why}`);
}
