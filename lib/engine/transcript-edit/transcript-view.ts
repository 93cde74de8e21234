import { videoClips } from "@/lib/draft/tracks";
import type { Draft } from "@/lib/draft/schema";
import {
  PAUSE_TOKEN_MS,
  type TranscriptToken,
  type TranscriptView,
  type TranscriptWord,
} from "@/lib/transcript/schema";
import { findFillers } from "../ops/cleanup-ops";
import { correctedWords } from "../ops/timeline-words";
import type { TimedWord } from "../transcribe/types";

// Builds the transcript panel's tokens from the draft and the clips' transcripts. For
// each clip on the main track: the words it plays (kept, with output times), then the
// words cut right after it (the gap before the next piece of the same source), so a cut
// shows struck through exactly where it was. A source's first piece also shows what was
// trimmed off its start, and its last piece what was trimmed off its end.

export interface SourceWords {
  words: TimedWord[];
  engine?: string;
}

const mid = (w: { s: number; e: number }) => (w.s + w.e) / 2;

export function buildTranscriptView(
  draft: Draft,
  version: number,
  sources: Record<string, SourceWords | undefined>,
  media: { id: string; name: string; hasAudio: boolean }[],
): TranscriptView {
  const clips = videoClips(draft);
  const corrected = new Map<
    string,
    { words: TimedWord[]; fillers: Set<number>; heard: Set<string> }
  >();
  for (const id of new Set(clips.map((c) => c.src))) {
    const raw = sources[id]?.words;
    if (!raw) continue;
    const heard = new Set(raw.map((w) => `${w.s}:${w.w}`));
    const words = correctedWords(id, raw, draft.m.corrections);
    const hits = findFillers(words);
    const fillers = new Set(
      words
        .map((w, i) => (hits.some((h) => mid(w) >= h.s && mid(w) <= h.e) ? i : -1))
        .filter((i) => i >= 0),
    );
    corrected.set(id, { words, fillers, heard });
  }
  const tokens: TranscriptToken[] = [];
  const word = (
    src: string,
    w: TimedWord,
    i: number,
    at: { s: number; e: number } | null,
  ): TranscriptWord => ({
    type: "word",
    id: `${src}:${w.s}:${i}`,
    text: w.w,
    // A word not heard like this at this time came from a correction.
    corrected: !corrected.get(src)!.heard.has(`${w.s}:${w.w}`),
    filler: corrected.get(src)!.fillers.has(i),
    src,
    ss: w.s,
    se: w.e,
    s: at ? at.s : null,
    e: at ? at.e : null,
  });
  clips.forEach((clip, k) => {
    const own = corrected.get(clip.src);
    if (!own) return;
    const first = !clips.slice(0, k).some((c) => c.src === clip.src);
    const last = !clips.slice(k + 1).some((c) => c.src === clip.src);
    const next = clips[k + 1];
    const gapEnd =
      next?.src === clip.src && next.in >= clip.out ? next.in : last ? Infinity : clip.out;
    const toOut = (t: number) => clip.st + Math.round((t - clip.in) / clip.speed);
    own.words.forEach((w, i) => {
      const m = mid(w);
      if (first && m < clip.in) tokens.push(word(clip.src, w, i, null));
    });
    own.words.forEach((w, i) => {
      const m = mid(w);
      if (m >= clip.in && m < clip.out)
        tokens.push(
          word(clip.src, w, i, {
            s: Math.max(clip.st, toOut(w.s)),
            e: Math.min(clip.st + clip.d, toOut(w.e)),
          }),
        );
    });
    own.words.forEach((w, i) => {
      const m = mid(w);
      if (m >= clip.out && m < gapEnd) tokens.push(word(clip.src, w, i, null));
    });
  });
  const withPauses: TranscriptToken[] = [];
  let prevEnd = 0;
  for (const t of tokens) {
    if (t.type === "word" && t.s !== null && t.e !== null) {
      if (t.s - prevEnd >= PAUSE_TOKEN_MS)
        withPauses.push({ type: "pause", id: `pause:${prevEnd}`, s: prevEnd, e: t.s });
      prevEnd = Math.max(prevEnd, t.e);
    }
    withPauses.push(t);
  }
  const audible = media.filter((m) => m.hasAudio && clips.some((c) => c.src === m.id));
  const missing = audible.filter((m) => !sources[m.id]?.words);
  const status =
    audible.length === 0
      ? "silent"
      : missing.length === 0
        ? "ready"
        : missing.length < audible.length
          ? "partial"
          : "none";
  return {
    status,
    engine: audible.map((m) => sources[m.id]?.engine).find(Boolean) ?? null,
    tokens: withPauses,
    fillers: withPauses.filter((t) => t.type === "word" && t.filler && t.s !== null).length,
    missing: missing.map((m) => m.name),
    version,
  };
}
