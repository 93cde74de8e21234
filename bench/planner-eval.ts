// How well the rule planner reads requests it was not built on:
//   npx tsx bench/planner-eval.ts            both halves: accuracy, opposite readings, questions
//   npx tsx bench/planner-eval.ts --misses   also lists the DEV half's misses (never the held-out half's,
//                                            so nobody tunes the planner on it)
import { planWithRules } from "@/lib/engine/planner/rule-planner";
import { runEval } from "@/lib/engine/planner/eval/run-eval";

import { evalContext } from "@/lib/engine/planner/eval/score";

const showMisses = process.argv.includes("--misses");
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
const rss = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
// The first request loads the English word list and the pinyin table: timed on its own.
let t = performance.now();
planWithRules("remvoe the musci", evalContext());
const coldMs = performance.now() - t;
const coldRss = rss();
t = performance.now();
const halves = runEval(planWithRules);
const ms = performance.now() - t;

console.log("| half | rows | correct | accuracy | multi-step correct | opposite | clarified |");
console.log("|---|---|---|---|---|---|---|");
for (const h of halves) {
  console.log(
    `| ${h.half} | ${h.rows} | ${h.correct} | ${pct(h.correct, h.rows)} | ${h.multiStepCorrect}/${h.multiStep} | ${h.opposite} | ${h.clarified} |`,
  );
}
const rows = halves.reduce((n, h) => n + h.rows, 0);
const warm = ms / rows;
console.log(`\n| run | requests | time | per request | vs first request | peak RSS |`);
console.log(`|---|---|---|---|---|---|`);
console.log(
  `| first request (loads word lists) | 1 | ${coldMs.toFixed(0)} ms | ${coldMs.toFixed(1)} ms | 1.00 | ${coldRss} |`,
);
console.log(
  `| whole table | ${rows} | ${ms.toFixed(0)} ms | ${warm.toFixed(2)} ms | ${(warm / coldMs).toFixed(3)} | ${rss()} |`,
);

if (showMisses) {
  const dev = halves.find((h) => h.half === "dev")!;
  console.log(`\nDev half misses (${dev.misses.length}):`);
  for (const m of dev.misses)
    console.log(`${m.opposite ? "OPPOSITE " : ""}${JSON.stringify(m.request)}: ${m.why}`);
}
