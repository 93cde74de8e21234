import type { TextSegment } from "@/lib/draft/schema";
import { layoutCaptions } from "../captions/layout-captions";
import { toSrt } from "../captions/write-subtitles";
import type { Transcript } from "../transcribe/types";

// `vso transcript in.mp4 --format json|srt|txt`: the recognised words with their times.
// json: the words as the engine keeps them (ms); txt: one word a line, start and end in
// seconds, tab-separated (sort/awk friendly); srt: readable caption cues.

export type TranscriptFormat = "json" | "srt" | "txt";

const sec = (ms: number) => (ms / 1000).toFixed(3);

export function formatTranscript(t: Transcript, format: TranscriptFormat): string {
  if (format === "json")
    return `${JSON.stringify({ engine: t.engine, language: t.language, words: t.words.map(({ w, s, e }) => ({ w, s, e })) }, null, 2)}\n`;
  if (format === "txt")
    return (
      t.words.map((w) => `${sec(w.s)}\t${sec(w.e)}\t${w.w}`).join("\n") +
      (t.words.length ? "\n" : "")
    );
  const cues = layoutCaptions(t.words).map(
    (c, i) => ({ id: `c${i}`, st: c.st, d: c.d, text: c.text }) as TextSegment,
  );
  return toSrt(cues);
}
