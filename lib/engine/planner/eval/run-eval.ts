import type { Plan } from "@/lib/plan/schema";
import type { PlannerContext } from "../planner-context";
import { isMultiStep, type Row } from "./expect";
import { EVAL_ROWS } from "./requests";
import { evalContext, half, scoreRow, type RowScore } from "./score";

// Runs a planner over the evaluation table and sums each half: accuracy, "opposite"
// readings (target 0) and clarifying questions.

export interface HalfSummary {
  half: "dev" | "held-out";
  rows: number;
  correct: number;
  opposite: number;
  clarified: number;
  multiStep: number;
  multiStepCorrect: number;
  misses: { request: string; why: string; opposite: boolean }[];
}

export function runEval(
  plan: (request: string, ctx: PlannerContext) => Plan,
  rows: Row[] = EVAL_ROWS,
): HalfSummary[] {
  const halves = new Map<string, HalfSummary>();
  for (const h of ["dev", "held-out"] as const) {
    halves.set(h, {
      half: h,
      rows: 0,
      correct: 0,
      opposite: 0,
      clarified: 0,
      multiStep: 0,
      multiStepCorrect: 0,
      misses: [],
    });
  }
  for (const row of rows) {
    const s = halves.get(half(row[0]))!;
    let score: RowScore;
    try {
      score = scoreRow(row, plan(row[0], evalContext()));
    } catch (err) {
      score = {
        correct: false,
        opposite: false,
        clarified: false,
        why: `threw: ${(err as Error).message}`,
      };
    }
    const multi = isMultiStep(row);
    s.rows++;
    if (multi) s.multiStep++;
    if (score.correct) {
      s.correct++;
      if (multi) s.multiStepCorrect++;
    } else s.misses.push({ request: row[0], why: score.why ?? "", opposite: score.opposite });
    if (score.opposite) s.opposite++;
    if (score.clarified) s.clarified++;
  }
  return [...halves.values()];
}
