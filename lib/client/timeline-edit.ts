import type { Draft, VideoSegment } from "@/lib/draft/schema";
import { isTextTrack, isVideoTrack, segmentsOf, tracksOf } from "@/lib/draft/tracks";
import type { Op } from "@/lib/plan/schema";

// Pure helpers behind the timeline's gestures: which segments are on screen
// (virtualization), where a dragged edge snaps, and the op each gesture sends. Times
// are draft milliseconds; ops take seconds.

const sec = (ms: number) => Math.round(ms) / 1000;

/**
 * Indexes [first, last) of the segments (sorted by start, not overlapping) that
 * intersect [fromMs, toMs): a binary search, so a 1,000-clip track costs ~10 steps.
 */
export function visibleRange(
  segs: readonly { st: number; d: number }[],
  fromMs: number,
  toMs: number,
): [number, number] {
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid].st + segs[mid].d <= fromMs) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < segs.length && segs[last].st < toMs) last++;
  return [lo, last];
}

/** Times an edge snaps to: the playhead, every cut on the main track, and text block edges. */
export function snapTargets(draft: Draft, playheadMs: number, skipId?: string): number[] {
  const out = [playheadMs];
  for (const t of tracksOf(draft)) {
    if (!isVideoTrack(t) && !isTextTrack(t)) continue;
    for (const s of segmentsOf(t)) {
      if (s.id === skipId) continue;
      out.push(s.st, s.st + s.d);
    }
  }
  return out;
}

/** A transcript word as snapping needs it: its source times, and its timeline times when kept. */
export interface SnapWord {
  src: string;
  ss: number;
  se: number;
  s: number | null;
  e: number | null;
}

/**
 * Word boundaries an edge snaps to, so a trim lands between words. For a clip's edge:
 * every word of that clip's source, kept or cut, placed where the edge would show it
 * (dragging the in point back out finds the words before it too). For a text block:
 * where the kept words start and end on the timeline.
 */
export function wordSnapTargets(words: readonly SnapWord[], clip?: VideoSegment): number[] {
  const out: number[] = [];
  if (clip) {
    const speed = clip.speed ?? 1;
    for (const w of words)
      if (w.src === clip.src)
        out.push(clip.st + (w.ss - clip.in) / speed, clip.st + (w.se - clip.in) / speed);
    return out;
  }
  for (const w of words) if (w.s !== null && w.e !== null) out.push(w.s, w.e);
  return out;
}

/** `ms` moved to the nearest target within `withinMs`, and the target it snapped to (or null). */
export function snap(
  ms: number,
  targets: readonly number[],
  withinMs: number,
): { ms: number; to: number | null } {
  let best: number | null = null;
  for (const t of targets)
    if (Math.abs(t - ms) <= withinMs && (best === null || Math.abs(t - ms) < Math.abs(best - ms)))
      best = t;
  return best === null ? { ms, to: null } : { ms: best, to: best };
}

export type Edge = "left" | "right";

/**
 * Where a clip's edge may go: the left edge from the start of its source (or 100 ms
 * before the right edge), the right edge up to the end of its source. `sourceMs` is
 * the source's length (Infinity for a still). Returns the output delta allowed.
 */
export function clampEdgeDelta(
  clip: VideoSegment,
  edge: Edge,
  deltaMs: number,
  sourceMs: number,
): number {
  const speed = clip.speed ?? 1;
  const minLen = 100 / speed;
  if (edge === "left") {
    const min = -clip.in / speed;
    const max = clip.d - minLen;
    return Math.min(max, Math.max(min, deltaMs));
  }
  const max = (sourceMs - clip.out) / speed;
  const min = -(clip.d - minLen);
  return Math.min(max, Math.max(min, deltaMs));
}

/** The clip_bounds op for an edge moved by `deltaMs` of output time. */
export function edgeOp(clip: VideoSegment, index: number, edge: Edge, deltaMs: number): Op {
  const speed = clip.speed ?? 1;
  return edge === "left"
    ? { op: "clip_bounds", index, in: sec(clip.in + deltaMs * speed) }
    : { op: "clip_bounds", index, out: sec(clip.out + deltaMs * speed) };
}

/** Where a clip dropped with its left edge at `ms` lands: the gap nearest to `ms`. */
export function dropIndex(clips: readonly { st: number; d: number }[], ms: number): number {
  for (let i = 0; i < clips.length; i++) if (ms < clips[i].st + clips[i].d / 2) return i;
  return clips.length;
}

/**
 * The reorder op that moves clip `from` into slot `gap` of the list without it (0 = first),
 * or null when nothing moves.
 */
export function reorderOp(n: number, from: number, gap: number): Op | null {
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => i !== from);
  order.splice(Math.max(0, Math.min(gap, order.length)), 0, from);
  return order.every((v, i) => v === i) ? null : { op: "reorder", order };
}

/** Ripple-delete the marked range [a, b) as a cut, or null when it is empty. */
export function rangeCutOp(a: number, b: number): Op | null {
  const [from, to] = a <= b ? [a, b] : [b, a];
  return to - from >= 40 ? { op: "cut", from: sec(from), to: sec(to) } : null;
}

/** One frame at the draft's frame rate, ms. */
export function frameMs(draft: Draft | undefined): number {
  const fps = draft?.m.fps && draft.m.fps > 0 ? draft.m.fps : 30;
  return 1000 / fps;
}

/** Zoom (times the fit-to-width scale) at which one second spans ~200 px: the most a timeline needs. */
export function maxZoomFor(durationMs: number, widthPx: number, floor: number): number {
  return Math.max(floor, Math.ceil((0.2 * durationMs) / Math.max(widthPx, 200)));
}

/** "0:02.4", "1:02:03.0": a position with tenths, for drag read-outs. */
export function formatTenths(ms: number): string {
  const tenths = Math.max(0, Math.round(ms / 100));
  const s = Math.floor(tenths / 10);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = `${String(s % 60).padStart(2, "0")}.${tenths % 10}`;
  return h ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

export type RowItem<S> =
  { kind: "seg"; seg: S } | { kind: "run"; from: number; to: number; left: number; width: number };

/**
 * The visible segments [first, last), with each stretch of two or more touching slivers
 * (narrower than `tinyPx`, not selected, not being dragged) merged into one run.
 */
export function groupSlivers<S extends { id: string; st: number; d: number }>(
  segs: readonly S[],
  first: number,
  last: number,
  pxPerMs: number,
  tinyPx: number,
  selected: readonly string[],
  draggingId?: string,
): RowItem<S>[] {
  const out: RowItem<S>[] = [];
  let runFrom = -1;
  const flush = (to: number) => {
    if (runFrom < 0) return;
    if (to - runFrom === 1) out.push({ kind: "seg", seg: segs[runFrom] });
    else {
      const left = segs[runFrom].st * pxPerMs;
      out.push({
        kind: "run",
        from: runFrom,
        to,
        left,
        width: Math.max(2, (segs[to - 1].st + segs[to - 1].d) * pxPerMs - left),
      });
    }
    runFrom = -1;
  };
  for (let i = first; i < last; i++) {
    const seg = segs[i];
    const sliver = seg.d * pxPerMs < tinyPx && seg.id !== draggingId && !selected.includes(seg.id);
    // Touching: no gap of a pixel or more after the previous clip.
    const touches = runFrom >= 0 && (seg.st - (segs[i - 1].st + segs[i - 1].d)) * pxPerMs < 1;
    if (sliver && touches) continue;
    flush(i);
    if (sliver) runFrom = i;
    else out.push({ kind: "seg", seg });
  }
  flush(last);
  return out;
}

/** Index in [from, to) of the clip at `ms` (the last one starting at or before it). */
export function clipAt(
  segs: readonly { st: number }[],
  from: number,
  to: number,
  ms: number,
): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].st <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
