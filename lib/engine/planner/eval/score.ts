import type { Op, Plan } from "@/lib/plan/schema";
import { emptyContext, type PlannerContext } from "../planner-context";
import { expectsOf, type Expect, type PartialOp, type Row } from "./expect";

// Scores one plan against one row of the evaluation table. Span edits are compared by
// their effect (which seconds of the original are gone once the trims and cuts are
// applied in order), so equivalent op lists score alike. "Opposite" is the misreading
// that matters most: the plan keeps most of what the user asked to remove AND removes
// most of what should have stayed.

export const EVAL_DURATION = 180;
const TOL = 0.06;

export function evalContext(): PlannerContext {
  return emptyContext({
    durationSec: EVAL_DURATION,
    clips: [
      { index: 0, name: "vlog.mp4", mediaId: "med_v", durationSec: EVAL_DURATION, startSec: 0 },
    ],
    media: [
      { id: "med_v", name: "vlog.mp4", kind: "video", durationSec: EVAL_DURATION },
      { id: "med_m", name: "song.mp3", kind: "audio", durationSec: 120 },
    ],
    hasCaptions: true,
    hasTitles: true,
    hasMusic: true,
    musicLevel: 0.3,
  });
}

type Span = [number, number];

/** FNV-1a of the request: even -> dev half, odd -> held-out half. Stable whatever the row order. */
export function half(request: string): "dev" | "held-out" {
  let h = 0x811c9dc5;
  for (const ch of request) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 2 === 0 ? "dev" : "held-out";
}

/** Pieces of the original still on the timeline after the plan's trims and cuts. */
export function keptPieces(ops: Op[], duration = EVAL_DURATION): Span[] {
  let pieces: Span[] = [[0, duration]];
  const slice = (from: number, to: number): Span[] => {
    // [from, to) of the current timeline, mapped back to the original.
    const out: Span[] = [];
    let t = 0;
    for (const [a, b] of pieces) {
      const len = b - a;
      const s = Math.max(from, t);
      const e = Math.min(to, t + len);
      if (e > s) out.push([a + (s - t), a + (e - t)]);
      t += len;
    }
    return out;
  };
  const total = () => pieces.reduce((s, [a, b]) => s + b - a, 0);
  for (const op of ops) {
    if (op.op === "trim" && op.start !== "intro") pieces = slice(op.start ?? 0, op.end ?? total());
    else if (op.op === "cut") pieces = [...slice(0, op.from), ...slice(op.to, total())];
  }
  return pieces;
}

const length = (s: Span[]) => s.reduce((n, [a, b]) => n + Math.max(0, b - a), 0);
function intersect(x: Span[], y: Span[]): Span[] {
  const out: Span[] = [];
  for (const [a, b] of x)
    for (const [c, d] of y)
      if (Math.min(b, d) > Math.max(a, c)) out.push([Math.max(a, c), Math.min(b, d)]);
  return out;
}
function complement(x: Span[], duration = EVAL_DURATION): Span[] {
  const out: Span[] = [];
  let t = 0;
  for (const [a, b] of [...x].sort((p, q) => p[0] - q[0])) {
    if (a > t) out.push([t, a]);
    t = Math.max(t, b);
  }
  if (t < duration) out.push([t, duration]);
  return out;
}

/** The seconds of the original the row says should go, or null when it names no span. */
export function expectedRemoved(expects: Expect[], duration = EVAL_DURATION): Span[] | null {
  let kept: Span[] = [[0, duration]];
  let any = false;
  for (const e of expects) {
    if ("rm" in e) {
      any = true;
      kept = intersect(
        kept,
        complement([[e.rm[0], e.rm[1] === "end" ? duration : e.rm[1]]], duration),
      );
    } else if ("keep" in e) {
      any = true;
      kept = intersect(kept, [[e.keep[0], e.keep[1] === "end" ? duration : e.keep[1]]]);
    }
  }
  return any ? complement(kept, duration) : null;
}

const isSpanOp = (o: Op) => (o.op === "trim" && o.start !== "intro") || o.op === "cut";

/** A wanted field: a value to equal, or a bound ({ gt } / { lt }) to respect. */
function fieldMatches(want: unknown, got: unknown): boolean {
  if (want && typeof want === "object" && !Array.isArray(want)) {
    if ("gt" in want) return typeof got === "number" && got > (want as { gt: number }).gt;
    if ("lt" in want) return typeof got === "number" && got < (want as { lt: number }).lt;
  }
  return JSON.stringify(got) === JSON.stringify(want);
}

function matches(want: PartialOp, got: Op): boolean {
  return Object.entries(want).every(([k, v]) =>
    fieldMatches(v, (got as Record<string, unknown>)[k]),
  );
}

/** Fade in and fade out said apart or together are the same edit. */
function mergeFades(ops: Op[]): Op[] {
  const fades = ops.filter(
    (o): o is Extract<Op, { op: "fade" }> => o.op === "fade" && o.target === undefined,
  );
  if (fades.length < 2) return ops;
  const merged: Op = Object.assign(
    { op: "fade" as const },
    ...fades.map(({ op: _op, ...rest }) => rest),
  );
  return [...ops.filter((o) => !fades.includes(o as Extract<Op, { op: "fade" }>)), merged];
}

const UNDOES: Record<string, string> = {
  music: "remove_music",
  remove_music: "music",
  captions: "remove_captions",
  remove_captions: "captions",
};
// Fields whose neutral value is 1: a wanted 2 and a got 0.5 point opposite ways.
const AROUND_ONE = new Set(["factor", "scale"]);

/** `got` goes the other way from `want`: removes what was to be added, shrinks what was to grow. */
function contrary(want: PartialOp, got: Op): boolean {
  if (UNDOES[want.op] === got.op) return true;
  if (want.op !== got.op) return false;
  const g = got as Record<string, unknown>;
  if (want.op === "volume" && (want.track ?? "video") !== (g.track ?? "video")) return false;
  return Object.entries(want).some(([k, v]) => {
    const n = g[k];
    if (typeof n !== "number") return false;
    if (v && typeof v === "object" && "gt" in v) return n < (v as { gt: number }).gt;
    if (v && typeof v === "object" && "lt" in v) return n > (v as { lt: number }).lt;
    return typeof v === "number" && AROUND_ONE.has(k) && (v - 1) * (n - 1) < 0;
  });
}

/** Why the plan does the opposite of a non-span part of the row, or null. */
function contradiction(expects: Expect[], plan: Plan, ops: Op[]): string | null {
  const removed = complement(keptPieces(ops));
  for (const e of expects) {
    if ("not" in e && ops.some((o) => matches(e.not, o)))
      return `does what the request forbids: ${e.not.op}`;
    if ("stays" in e && e.stays[0] === 0 && ops.some((o) => o.op === "trim" && o.start === "intro"))
      return "trims the intro, which the request keeps";
    if ("stays" in e && length(intersect(removed, [e.stays])) > TOL)
      return `removes ${fmt(intersect(removed, [e.stays]))}, which the request keeps`;
    if ("op" in e) {
      const bad = ops.find((o) => contrary(e.op, o));
      if (bad) return `${bad.op} goes against the wanted ${JSON.stringify(e.op)}`;
    }
    if ("intent" in e) {
      const swap = { undo: "redo", redo: "undo" } as Record<string, string>;
      if (swap[e.intent] === plan.intent) return `expected ${e.intent}, got ${plan.intent}`;
    }
  }
  return null;
}

export interface RowScore {
  correct: boolean;
  opposite: boolean;
  clarified: boolean;
  why?: string;
}

export function scoreRow(row: Row, plan: Plan): RowScore {
  const expects = expectsOf(row);
  const clarified = plan.intent === "clarify";
  const canAsk = expects.some((e) => "orAsk" in e);
  const asked = expects.find((e): e is Extract<Expect, { ask: true }> => "ask" in e);
  if (asked) {
    if (!clarified)
      return {
        correct: false,
        opposite: false,
        clarified,
        why: `expected a question, got ${plan.intent}`,
      };
    const named = !asked.span || asked.span.every((t) => plan.reply.includes(clock(t)));
    return {
      correct: named,
      opposite: false,
      clarified,
      why: named ? undefined : "the question does not name both choices",
    };
  }
  const removedWant = expectedRemoved(expects);
  const ops = mergeFades(plan.ops);
  const against = clarified ? null : contradiction(expects, plan, ops);
  if (against) return { correct: false, opposite: true, clarified, why: against };
  let opposite = false;
  if (removedWant && !clarified) {
    const removedGot = complement(keptPieces(ops));
    const keptOfRemove = length(removedWant) - length(intersect(removedGot, removedWant));
    const stays = complement(removedWant);
    const goneOfStay = length(intersect(removedGot, stays));
    opposite =
      length(removedGot) > 0 &&
      keptOfRemove > 0.5 * length(removedWant) &&
      goneOfStay >= 0.5 * length(stays);
  }
  if (clarified && canAsk) return { correct: true, opposite, clarified };
  const intent = expects.find((e): e is Extract<Expect, { intent: unknown }> => "intent" in e);
  if (intent) {
    const ok = plan.intent === intent.intent;
    return {
      correct: ok,
      opposite,
      clarified,
      why: ok ? undefined : `expected ${intent.intent}, got ${plan.intent}`,
    };
  }
  if (plan.intent !== "edit" && plan.intent !== "export")
    return { correct: false, opposite, clarified, why: `expected an edit, got ${plan.intent}` };
  if (removedWant) {
    const removedGot = complement(keptPieces(ops));
    const diff =
      length(removedWant) + length(removedGot) - 2 * length(intersect(removedWant, removedGot));
    if (diff > TOL)
      return {
        correct: false,
        opposite,
        clarified,
        why: `removes ${fmt(removedGot)}, expected ${fmt(removedWant)}`,
      };
  } else if (ops.some(isSpanOp)) {
    return { correct: false, opposite, clarified, why: "cuts the video, which was not asked" };
  }
  const wanted = expects.flatMap((e) => ("op" in e ? [e.op] : []));
  const rest = ops.filter((o) => !isSpanOp(o));
  for (const w of wanted) {
    const i = rest.findIndex((o) => matches(w, o));
    if (i < 0) return { correct: false, opposite, clarified, why: `missing ${JSON.stringify(w)}` };
    rest.splice(i, 1);
  }
  // Reshaping that comes with a platform export (TikTok is 9:16) is part of that export.
  const extra = rest.filter((o) => !(o.op === "aspect" && ops.some((x) => x.op === "export")));
  if (extra.length)
    return {
      correct: false,
      opposite,
      clarified,
      why: `also ${extra.map((o) => o.op).join(", ")}`,
    };
  return { correct: true, opposite, clarified };
}

function clock(sec: number): string {
  const m = Math.floor(sec / 60);
  const s = Math.round(sec - m * 60);
  return sec < 60 ? `${s}` : `${m}:${s < 10 ? "0" : ""}${s}`;
}
const fmt = (s: Span[]) =>
  s.length ? s.map(([a, b]) => `${+a.toFixed(2)}-${+b.toFixed(2)}`).join(",") : "nothing";
