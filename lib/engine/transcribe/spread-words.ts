import type { TimedWord } from "./types";

// When an engine only times whole segments (phrases), words get times by sharing the
// segment out in proportion to their length: close enough for captions, which show a
// phrase at a time, and honest about never leaving the segment's bounds.

export interface TimedSegment {
  /** ms */
  start: number;
  end: number;
  text: string;
}

export function spreadWords(segments: TimedSegment[]): TimedWord[] {
  const out: TimedWord[] = [];
  for (const seg of segments) {
    const words = seg.text.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const start = Math.max(0, Math.round(seg.start));
    const end = Math.max(start, Math.round(seg.end));
    const weights = words.map((w) => w.length + 1);
    const total = weights.reduce((a, b) => a + b, 0);
    let acc = 0;
    words.forEach((w, i) => {
      const s = start + Math.round(((end - start) * acc) / total);
      acc += weights[i];
      const e = start + Math.round(((end - start) * acc) / total);
      out.push({ w, s, e });
    });
  }
  return out;
}
