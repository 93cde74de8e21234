// When clips are cut, sped up or reordered, everything else on the timeline (titles,
// captions, voice-over) must follow the picture. A TimeMap says where each stretch of
// the old output timeline went: old [from, to) now plays at `at`, stretched by `scale`
// (0.5 = twice as fast). Old time not covered by any piece was removed.

export interface Piece {
  from: number;
  to: number;
  at: number;
  scale: number;
}

export type TimeMap = Piece[];

export interface Span {
  s: number;
  e: number;
}

/** Where old [s, e) plays now: possibly several spans (after a reorder), merged where they touch. */
export function mapSpan(map: TimeMap, s: number, e: number): Span[] {
  const parts: Span[] = [];
  for (const p of map) {
    const a = Math.max(s, p.from);
    const b = Math.min(e, p.to);
    if (b <= a) continue;
    parts.push({
      s: Math.round(p.at + (a - p.from) * p.scale),
      e: Math.round(p.at + (b - p.from) * p.scale),
    });
  }
  parts.sort((x, y) => x.s - y.s);
  const merged: Span[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (last && part.s - last.e <= 1) last.e = Math.max(last.e, part.e);
    else merged.push({ ...part });
  }
  return merged;
}

/** Old length of [s, e) that survives the map. */
export function survivingLength(map: TimeMap, s: number, e: number): number {
  let total = 0;
  for (const p of map) total += Math.max(0, Math.min(e, p.to) - Math.max(s, p.from));
  return total;
}

/**
 * The one span old [s, e) becomes, or null when (almost) nothing of it survives. A word
 * or cue split by a reorder keeps its longest part; `minKeep` is the share of the old
 * length that must survive (a word half cut away is dropped rather than shown clipped).
 */
export function mapOne(map: TimeMap, s: number, e: number, minKeep = 0): Span | null {
  if (e <= s) {
    const spans = mapSpan(map, s, s + 1);
    return spans.length ? { s: spans[0].s, e: spans[0].s } : null;
  }
  if (survivingLength(map, s, e) < Math.max(1, (e - s) * minKeep)) return null;
  const spans = mapSpan(map, s, e);
  if (spans.length === 0) return null;
  return spans.reduce((best, x) => (x.e - x.s > best.e - best.s ? x : best));
}

/** A map that changes nothing up to `end` (for ops that only restyle). */
export function identityMap(end: number): TimeMap {
  return [{ from: 0, to: end, at: 0, scale: 1 }];
}
