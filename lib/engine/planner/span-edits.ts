import type { Op } from "@/lib/plan/schema";
import { SENTENCES, type Lang } from "./sentences";

// Span edits of one request read together. Every time a user gives in one message is a
// time of the video as it is now, so "start at 0:15, end at 2:30" keeps 0:15-2:30
// rather than cutting 2:30 of what is left after the first trim. The removals are
// merged and written back as ops the engine applies in order (later spans first).
// Then the sentence that says what goes and what stays.

type Span = [number, number];
type SpanOp = Extract<Op, { op: "trim" } | { op: "cut" }>;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

export function isSpanOp(op: Op): op is SpanOp {
  return (
    (op.op === "trim" && op.start !== "intro" && op.target === undefined) ||
    (op.op === "cut" && op.target === undefined)
  );
}

/** Seconds of the original each op asks to remove, read in the original's times. */
export function removedSpans(ops: Op[], duration: number): Span[] {
  const out: Span[] = [];
  for (const op of ops.filter(isSpanOp)) {
    if (op.op === "cut") out.push([op.from, Math.min(op.to, duration)]);
    else {
      if (typeof op.start === "number" && op.start > 0) out.push([0, op.start]);
      if (op.end !== undefined && op.end < duration) out.push([op.end, duration]);
    }
  }
  return union(out);
}

function union(spans: Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1e-6) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function keptSpans(removed: Span[], duration: number): Span[] {
  const out: Span[] = [];
  let t = 0;
  for (const [a, b] of removed) {
    if (a > t) out.push([t, a]);
    t = Math.max(t, b);
  }
  if (t < duration) out.push([t, duration]);
  return out;
}

/** Several span ops of one request -> the same removals, applied so each time means what was said. */
export function combineSpans(ops: Op[], duration: number | undefined): Op[] {
  const spans = ops.filter(isSpanOp);
  if (spans.length < 2 || duration === undefined) return ops;
  const removed = removedSpans(ops, duration);
  const head = removed.find(([a]) => a <= 0);
  const tail = removed.find(([, b]) => b >= duration);
  const middle = removed.filter((s) => s !== head && s !== tail);
  const merged: Op[] = [];
  if (middle.length === 0) {
    const trim: Extract<Op, { op: "trim" }> = { op: "trim" };
    if (head) trim.start = r3(head[1]);
    if (tail) trim.end = r3(tail[0]);
    merged.push(trim);
  } else {
    // End first, then the middle from the last span back, then the start: nothing
    // applied earlier moves a time applied later.
    if (tail) merged.push({ op: "trim", end: r3(tail[0]) });
    for (const [a, b] of [...middle].reverse()) merged.push({ op: "cut", from: r3(a), to: r3(b) });
    if (head) merged.push({ op: "trim", start: r3(head[1]) });
  }
  const at = ops.findIndex(isSpanOp);
  const rest = ops.filter((o) => !isSpanOp(o));
  return [...rest.slice(0, at), ...merged, ...rest.slice(at)];
}

/** "2:10-2:18 (8 s) goes; 0:00-2:10 and 2:18-3:00 stay: the video will be 2:52." */
export function spanEffect(ops: Op[], duration: number | undefined, lang: Lang): string | null {
  if (duration === undefined || !ops.some(isSpanOp)) return null;
  const s = SENTENCES[lang];
  const removed = removedSpans(ops, duration);
  if (removed.length === 0) return null;
  const kept = keptSpans(removed, duration);
  const gone = removed.reduce((n, [a, b]) => n + b - a, 0);
  return s.effect(
    removed.map(([a, b]) => s.span(a, b)),
    gone,
    kept.map(([a, b]) => s.span(a, b)),
    duration - gone,
  );
}
