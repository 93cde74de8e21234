import { AppError } from "@/lib/errors";
import type { Draft, VideoSegment } from "@/lib/draft/schema";
import { followPicture } from "./follow-picture";
import type { TimeMap } from "./time-map";
import type { OpContext } from "./types";
import { clipLength, formatTime, replaceMainClips, requireClips, videoEnd } from "./timeline";

// The ripple delete every removing op shares (trim, cut, remove_silence, remove_fillers):
// take stretches of the output timeline out of the main clips, close the gaps, and let
// the other tracks follow. Leftover slivers shorter than a frame are dropped too.

const MIN_PIECE_MS = 40;

export interface Removal {
  draft: Draft;
  /** Total output time removed, ms. */
  removed: number;
  /** Things the reply should mention (titles that disappeared...). */
  notes: string[];
}

export function mergeRanges(ranges: [number, number][], end: number): [number, number][] {
  const sorted = ranges
    .map(([a, b]) => [Math.max(0, Math.round(a)), Math.min(end, Math.round(b))] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([...r]);
  }
  return out;
}

/** Parts of [a, b) not covered by the (merged, sorted) ranges. */
function keptParts(a: number, b: number, ranges: [number, number][]): [number, number][] {
  const parts: [number, number][] = [];
  let cursor = a;
  for (const [x, y] of ranges) {
    if (y <= cursor || x >= b) continue;
    if (x > cursor) parts.push([cursor, x]);
    cursor = Math.max(cursor, y);
  }
  if (cursor < b) parts.push([cursor, b]);
  return parts.filter(([x, y]) => y - x >= MIN_PIECE_MS);
}

export function removeRanges(draft: Draft, ranges: [number, number][], ctx: OpContext): Removal {
  const clips = requireClips(draft);
  const end = videoEnd(draft);
  const merged = mergeRanges(ranges, end);
  const next: VideoSegment[] = [];
  const map: TimeMap = [];
  let cursor = 0;
  for (const clip of clips) {
    const clipEnd = clip.st + clip.d;
    keptParts(clip.st, clipEnd, merged).forEach(([a, b], i) => {
      const srcIn = clip.in + Math.round((a - clip.st) * clip.speed);
      const srcOut = b === clipEnd ? clip.out : clip.in + Math.round((b - clip.st) * clip.speed);
      const seg: VideoSegment = {
        ...clip,
        id: i === 0 ? clip.id : ctx.newId(),
        in: srcIn,
        out: srcOut,
        fadeIn: a === clip.st ? clip.fadeIn : 0,
        fadeOut: b === clipEnd ? clip.fadeOut : 0,
        transitionIn: a === clip.st ? clip.transitionIn : 0,
      };
      map.push({ from: a, to: b, at: cursor, scale: clipLength(seg) / (b - a) });
      cursor += clipLength(seg);
      next.push(seg);
    });
  }
  if (next.length === 0) {
    throw new AppError(
      "validation",
      `That would remove the whole video (${formatTime(end)} long). Say which part to keep instead.`,
    );
  }
  const followed = followPicture(replaceMainClips(draft, next), map, ctx.media, ctx.newId);
  return { draft: followed.draft, removed: end - videoEnd(followed.draft), notes: followed.notes };
}
