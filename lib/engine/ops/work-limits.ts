import { AppError } from "@/lib/errors";
import { draftDuration, type Draft } from "@/lib/draft/schema";
import { durationMs, isTextTrack, segmentsOf, tracksOf } from "@/lib/draft/tracks";
import { formatTime } from "./timeline";

// How much work one timeline may ask for. Without a bound, add_clips with one id
// repeated a thousand times, or speed 0.25 on a long clip, queued hours of rendering
// ahead of everyone. MAX_OUTPUT_MINUTES and MAX_SEGMENTS set the bounds.

export interface WorkLimits {
  /** Longest output, ms. */
  maxOutputMs: number;
  /** Most clip and sound segments together (each is a decoder and filter chain in a render; captions are not counted). */
  maxSegments: number;
}

export const outputLength = (draft: Draft) =>
  Math.max(durationMs(draft), draftDuration(tracksOf(draft)));
export const segmentCount = (draft: Draft) =>
  tracksOf(draft).reduce((n, t) => n + (isTextTrack(t) ? 0 : segmentsOf(t).length), 0);

/**
 * Refuses a draft over the limits with a sentence. With `before`, only growth is refused:
 * a timeline already over a lowered limit can still be cut down.
 */
export function checkWorkLimits(draft: Draft, limits: WorkLimits, before?: Draft): void {
  const count = segmentCount(draft);
  if (count > limits.maxSegments && (!before || count > segmentCount(before))) {
    throw new AppError(
      "validation",
      `That would put ${count} pieces on the timeline, and this studio handles at most ${limits.maxSegments}. Take some clips or cuts off first, then try again.`,
    );
  }
  const length = outputLength(draft);
  if (length > limits.maxOutputMs && (!before || length > outputLength(before))) {
    throw new AppError(
      "validation",
      `That would make the video ${formatTime(length)} long, and this studio makes videos of at most ${formatTime(limits.maxOutputMs)}. Cut or trim it first (or take some clips off the timeline), then try again.`,
    );
  }
}
