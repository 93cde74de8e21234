// The rule planner on the fresh table (lib/engine/planner/eval/fresh-requests.ts), written
// without looking at the planner, halves drawn at random:
//   npx tsx bench/planner-fresh-eval.ts            both halves
//   npx tsx bench/planner-fresh-eval.ts --misses   also the DEV half's misses (never the held-out's)
import { planWithRules } from "@/lib/engine/planner/rule-planner";
import { expectsOf, type Row } from "@/lib/engine/planner/eval/expect";
import { FRESH_DEV, FRESH_HELD_OUT } from "@/lib/engine/planner/eval/fresh-requests";
import { evalContext, scoreRow } from "@/lib/engine/planner/eval/score";
import { PLANNER_REPLIES } from "@/lib/engine/planner/planner-replies";

// The planner's "I don't know what to change" answers, in both languages.
const FALLBACKS = new Set(
  Object.values(PLANNER_REPLIES).flatMap((w) => [w.notSure, w.whatToDo, w.whatFirst]),
);

const han = /\p{Script=Han}/u;
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
const rss = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;

function run(rows: Row[]) {
  const s = { rows: rows.length, correct: 0, opposite: 0, clarified: 0, unparsed: 0 };
  const zh = { rows: 0, replyZh: 0 };
  const misses: string[] = [];
  for (const row of rows) {
    const plan = planWithRules(row[0], evalContext());
    const score = scoreRow(row, plan);
    // Not understood: nothing done, only the generic "what should I do?", where the row wanted an edit or intent.
    const wantsAction = expectsOf(row).some(
      (e) => !("orAsk" in e) && !("not" in e) && !("stays" in e),
    );
    const unparsed =
      wantsAction &&
      plan.ops.length === 0 &&
      (plan.intent === "edit" || (plan.intent === "clarify" && FALLBACKS.has(plan.reply)));
    if (score.correct) s.correct++;
    if (score.opposite) s.opposite++;
    if (score.clarified) s.clarified++;
    if (unparsed) s.unparsed++;
    if (han.test(row[0])) {
      zh.rows++;
      if (han.test(plan.reply)) zh.replyZh++;
      else misses.push(`NOT-ZH ${JSON.stringify(row[0])}: reply ${JSON.stringify(plan.reply)}`);
    }
    if (!score.correct)
      misses.push(
        `${score.opposite ? "OPPOSITE " : ""}${JSON.stringify(row[0])}: ${score.why ?? ""} | ${plan.intent} ${JSON.stringify(plan.ops)}`,
      );
  }
  return { ...s, zh, misses };
}

const t = performance.now();
const dev = run(FRESH_DEV);
const held = run(FRESH_HELD_OUT);
const ms = performance.now() - t;
console.log(
  "| half | rows | correct | accuracy | opposite | clarified | unparsed | zh replies in zh |",
);
console.log("|---|---|---|---|---|---|---|---|");
for (const [name, h] of [
  ["dev", dev],
  ["held-out", held],
] as const)
  console.log(
    `| ${name} | ${h.rows} | ${h.correct} | ${pct(h.correct, h.rows)} | ${h.opposite} | ${h.clarified} | ${h.unparsed} | ${h.zh.replyZh}/${h.zh.rows} |`,
  );
console.log(
  `\n${dev.rows + held.rows} requests in ${ms.toFixed(0)} ms (incl. loading word lists), peak RSS ${rss()}`,
);
if (process.argv.includes("--misses")) {
  console.log(`\nDev half misses (${dev.misses.length}):`);
  for (const m of dev.misses) console.log(m);
}
