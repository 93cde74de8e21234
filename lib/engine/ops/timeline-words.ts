import { videoClips } from "@/lib/draft/tracks";
import type { Correction, Draft } from "@/lib/draft/schema";
import { spreadWords } from "../transcribe/spread-words";
import type { TimedWord } from "../transcribe/types";
import type { MediaAnalysis } from "./types";

// The transcript as it plays: each clip's words (with the user's corrections applied)
// placed on the output timeline, remembering where in which source each came from, so
// captions, the transcript panel and phrase anchoring all read the same words.

/** A word heard in the output: `s`/`e` output ms, `src`/`ss`/`se` where it was said. */
export interface PlacedWord extends TimedWord {
  src: string;
  ss: number;
  se: number;
  /** Index of the clip on the main track. */
  clip: number;
}

const mid = (w: { s: number; e: number }) => (w.s + w.e) / 2;

/**
 * `words` with `text` in place of the words said in [s, e): the new words share out the
 * time of the ones they replace (or of the span itself when none was heard there).
 */
export function replaceWords<W extends TimedWord>(
  words: W[],
  s: number,
  e: number,
  text: string,
): TimedWord[] {
  const inside = (w: TimedWord) => mid(w) >= s && mid(w) < e;
  const hit = words.filter(inside);
  const start = hit.length ? Math.min(...hit.map((w) => w.s)) : s;
  const end = hit.length ? Math.max(...hit.map((w) => w.e)) : e;
  const fresh = spreadWords([{ start, end, text }]);
  const kept: TimedWord[] = words
    .filter((w) => !inside(w))
    .map((w) => ({ w: w.w, s: w.s, e: w.e }));
  return [...kept, ...fresh].sort((a, b) => a.s - b.s);
}

/** A source's words with the corrections made for that source. */
export function correctedWords(
  src: string,
  words: TimedWord[],
  corrections: Correction[] | undefined,
): TimedWord[] {
  let out = words;
  for (const c of corrections ?? []) if (c.src === src) out = replaceWords(out, c.s, c.e, c.text);
  return out;
}

/** Words heard on the output timeline, in order, with their sources. Half a word or more must be in a clip to count. */
export function placedWords(draft: Draft, analysis: Record<string, MediaAnalysis>): PlacedWord[] {
  const clips = videoClips(draft);
  const cache = new Map<string, TimedWord[]>();
  const out: PlacedWord[] = [];
  clips.forEach((clip, index) => {
    const raw = analysis[clip.src]?.words;
    if (!raw) return;
    if (!cache.has(clip.src))
      cache.set(clip.src, correctedWords(clip.src, raw, draft.m.corrections));
    for (const w of cache.get(clip.src)!) {
      const s = Math.max(w.s, clip.in);
      const e = Math.min(w.e, clip.out);
      if (e - s < Math.max(1, (w.e - w.s) / 2)) continue;
      out.push({
        w: w.w,
        s: clip.st + Math.round((s - clip.in) / clip.speed),
        e: clip.st + Math.round((e - clip.in) / clip.speed),
        src: clip.src,
        ss: w.s,
        se: w.e,
        clip: index,
      });
    }
  });
  return out;
}
