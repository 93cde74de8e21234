import type { Draft, TextSegment, VideoSegment } from "@/lib/draft/schema";
import { segmentsOf, textTracks, videoClips } from "@/lib/draft/tracks";

// Pure timeline arithmetic for the studio: ruler ticks, where the preview is in which
// source, and which text shows at a time. Times are draft milliseconds unless named.

/** A tick step (ms) that puts labels roughly every `minPx` pixels. */
export function tickStep(pxPerMs: number, minPx = 70): number {
  const steps = [
    100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
  ];
  for (const s of steps) if (s * pxPerMs >= minPx) return s;
  return steps[steps.length - 1];
}

export function ticks(durationMs: number, pxPerMs: number, minPx = 70): number[] {
  const step = tickStep(pxPerMs, minPx);
  const out: number[] = [];
  for (let t = 0; t <= durationMs; t += step) out.push(t);
  return out;
}

/** "0:05", "1:30", or "2.5s" below ten seconds when the step is fractional. */
export function tickLabel(ms: number, step: number): string {
  const s = ms / 1000;
  if (step < 1000) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
}

export function mainVideoSegments(draft: Draft): VideoSegment[] {
  return [...videoClips(draft)].sort((a, b) => a.st - b.st);
}

/** Where timeline time `ms` falls in the sources: the segment index and the source time (s). */
export function sourceAt(
  segments: VideoSegment[],
  ms: number,
): { index: number; sourceSec: number } | null {
  if (segments.length === 0) return null;
  let index = segments.findIndex((s) => ms >= s.st && ms < s.st + s.d);
  if (index < 0) index = ms < segments[0].st ? 0 : segments.length - 1;
  const seg = segments[index];
  const offset = Math.min(Math.max(ms - seg.st, 0), seg.d);
  return { index, sourceSec: (seg.in + offset * (seg.speed ?? 1)) / 1000 };
}

/** The inverse: the source time (s) playing in segment `seg` -> timeline ms. */
export function timelineAt(seg: VideoSegment, sourceSec: number): number {
  const offset = (sourceSec * 1000 - seg.in) / (seg.speed ?? 1);
  return Math.round(seg.st + Math.min(Math.max(offset, 0), seg.d));
}

/** Text segments visible at `ms` (captions and titles), for the live overlay on the source preview. */
export function textAt(draft: Draft, ms: number): TextSegment[] {
  const out: TextSegment[] = [];
  for (const t of textTracks(draft)) {
    for (const s of segmentsOf(t)) if (ms >= s.st && ms < s.st + s.d) out.push(s);
  }
  return out;
}

/** Clamp helper used by seeking from pixels. */
export function msFromX(x: number, pxPerMs: number, durationMs: number): number {
  return Math.round(Math.min(Math.max(x / pxPerMs, 0), durationMs));
}
