import type { Op, Target } from "@/lib/plan/schema";
import type { Entities } from "./extract-entities";
import { describeOps, formatTime } from "./describe-ops";
import type { PlannerContext } from "./planner-context";
import type { RulePlanResult } from "./rule-planner";

// Follow-ups that rework the previous plan rather than add to it:
//   "actually make it 10 seconds" -> the last trim again with the new length (revise),
//   "do the same for the second clip" -> the last per-clip edits on that clip.

const REVISE_MARK =
  /\b(?:actually|instead|rather|i meant|no,? (?:make it|only|just)|make that|change (?:it|that) to|not \S+ but)\b|改成|换成|不对|应该是/;
const PER_CLIP = new Set<Op["op"]>([
  "trim",
  "cut",
  "speed",
  "volume",
  "fade",
  "rotate",
  "flip",
  "color",
]);

export function revisePlan(text: string, e: Entities, ctx: PlannerContext): RulePlanResult | null {
  const last = ctx.lastPlan;
  if (!last || last.intent !== "edit") return null;
  const justLength =
    /^(?:(?:ok|okay|hmm),? )?(?:make it|make that|改成|剪成)\s*⟦t\d+⟧(?:\s*long)?[ .!]*$/.test(
      text,
    );
  if (!REVISE_MARK.test(text) && !justLength) return null;
  if (e.times.length + e.factors.length !== 1) return null;
  const n = e.times[0]?.seconds;
  const factor = e.factors[0];
  const ops = last.ops.filter((o) => o.op !== "export");
  let changed = false;
  for (let i = ops.length - 1; i >= 0 && !changed; i--) {
    const op = ops[i];
    let next: Op | null = null;
    if (factor !== undefined) {
      if (op.op === "speed" && factor >= 0.25 && factor <= 4) next = { ...op, factor };
    } else if (n !== undefined) {
      if (op.op === "trim" && typeof op.start === "number" && op.end !== undefined)
        next = { ...op, end: op.start + n };
      else if (op.op === "trim" && typeof op.start === "number") next = { ...op, start: n };
      else if (op.op === "trim" && op.end !== undefined) next = { ...op, end: n };
      else if (op.op === "cut") next = { ...op, to: op.from + n };
      else if (op.op === "fade")
        next = {
          ...op,
          ...(op.in !== undefined ? { in: n } : {}),
          ...(op.out !== undefined ? { out: n } : {}),
        };
      else if (op.op === "split") next = { ...op, at: n };
      else if (op.op === "remove_silence") next = { ...op, min: n };
      else if (op.op === "text") next = { ...op, end: (op.start ?? 0) + n };
    }
    if (next) {
      ops[i] = next;
      changed = true;
    }
  }
  if (!changed) return null;
  const what = factor !== undefined ? `${factor}x` : formatTime(n!);
  return {
    intent: "edit",
    ops,
    revise: true,
    reply: `Changing the last edit to ${what}: ${describeOps(ops).replace(/^I'll /, "I'll ")}`,
  };
}

export function sameForClips(
  text: string,
  e: Entities,
  ctx: PlannerContext,
): RulePlanResult | null {
  const last = ctx.lastPlan;
  if (!last || last.intent !== "edit") return null;
  if (
    !/\b(?:do the same|same (?:thing|edits?|again)?\s*(?:for|to|with|on)|same for|and (?:for|to) (?:the )?⟦c)|对\s*⟦c\d+⟧\s*也|⟦c\d+⟧\s*也一样|也这样/.test(
      text,
    )
  )
    return null;
  const ref = /⟦c(\d+)⟧/.exec(text);
  if (!ref) return null;
  const r = e.clips[Number(ref[1])];
  let target: Target;
  if ("all" in r) target = "all";
  else if ("index" in r) target = { index: r.index };
  else if ("last" in r) target = { index: Math.max(0, ctx.clips.length - 1) };
  else if ("mediaId" in r) target = { mediaId: r.mediaId };
  else target = { mediaId: r.fileName };
  const ops = last.ops.filter((o) => PER_CLIP.has(o.op)).map((o) => ({ ...o, target }) as Op);
  if (!ops.length)
    return {
      intent: "clarify",
      ops: [],
      reply: "The last change was not a per-clip edit. What should I do to that clip?",
    };
  return { intent: "edit", ops, reply: describeOps(ops) };
}
