import type { Op } from "@/lib/plan/schema";
import type { TranscriptToken, TranscriptWord } from "@/lib/transcript/schema";

// What the transcript panel's gestures mean as timeline ops, and the lookups it needs
// (the word under the playhead, search hits). Pure, so the panel stays thin and these
// rules are tested without a browser.

export type Selection = { anchor: number; focus: number } | null;

export const selRange = (s: Selection): [number, number] | null =>
  s ? [Math.min(s.anchor, s.focus), Math.max(s.anchor, s.focus)] : null;

const sec = (ms: number) => Math.round(ms) / 1000;

/** Delete/Backspace on a selection: the kept words (and pauses) in it are cut; a lone pause is removed. */
export function deleteOps(tokens: TranscriptToken[], sel: Selection): Op[] {
  const r = selRange(sel);
  if (!r) return [];
  const picked = tokens.slice(r[0], r[1] + 1);
  const kept = picked.filter((t) => t.s !== null && t.e !== null) as {
    s: number;
    e: number;
    type: string;
  }[];
  if (kept.length === 0) return [];
  if (kept.every((t) => t.type === "pause"))
    return [
      { op: "shorten_pause", from: sec(kept[0].s), to: sec(kept[kept.length - 1].e), keep: 0 },
    ];
  const words = kept.filter((t) => t.type === "word");
  // A selection that starts or ends on a pause cuts that pause too.
  const from = kept[0].type === "pause" ? kept[0].s : words[0].s;
  const to =
    kept[kept.length - 1].type === "pause" ? kept[kept.length - 1].e : words[words.length - 1].e;
  return [{ op: "cut_words", spans: [{ from: sec(from), to: sec(to) }] }];
}

/** Shortening a pause to `keepMs`. */
export function shortenOps(pause: { s: number; e: number }, keepMs: number): Op[] {
  return [{ op: "shorten_pause", from: sec(pause.s), to: sec(pause.e), keep: sec(keepMs) }];
}

/** The correction for the selected words (of the first source in the selection). */
export function correctionOps(tokens: TranscriptToken[], sel: Selection, text: string): Op[] {
  const r = selRange(sel);
  const clean = text.replace(/\s+/g, " ").trim();
  if (!r || !clean) return [];
  const words = tokens.slice(r[0], r[1] + 1).filter((t): t is TranscriptWord => t.type === "word");
  if (words.length === 0) return [];
  const same = words.filter((w) => w.src === words[0].src);
  return [
    {
      op: "correct_words",
      mediaId: same[0].src,
      from: sec(same[0].ss),
      to: sec(same[same.length - 1].se),
      text: clean,
    },
  ];
}

/** Restoring the cut that holds this word. */
export function restoreOps(word: TranscriptWord): Op[] {
  return [{ op: "restore_words", mediaId: word.src, from: sec(word.ss), to: sec(word.se) }];
}

/** Index of the kept word playing at `ms` (the last one started when between words), or -1. */
export function currentWordIndex(tokens: TranscriptToken[], ms: number): number {
  let found = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== "word" || t.s === null) continue;
    if (t.s > ms) break;
    found = i;
  }
  const t = found >= 0 ? tokens[found] : null;
  // Past the word's end by more than a beat: nothing is being said.
  return t && t.e !== null && ms - t.e > 300 ? -1 : found;
}

const norm = (w: string) =>
  w
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");

/** Token index ranges where the query's words are said (kept or cut), in order. */
export function searchTokens(tokens: TranscriptToken[], query: string): [number, number][] {
  const want = query.split(/\s+/).map(norm).filter(Boolean);
  if (want.length === 0) return [];
  const idx = tokens.map((t, i) => (t.type === "word" ? i : -1)).filter((i) => i >= 0);
  const words = idx.map((i) => norm((tokens[i] as TranscriptWord).text));
  const hits: [number, number][] = [];
  for (let k = 0; k + want.length <= words.length; k++) {
    // The last query word may be typed half way: "basi" finds "basically".
    const ok = want.every((q, j) =>
      j === want.length - 1 ? words[k + j].startsWith(q) : words[k + j] === q,
    );
    if (ok) hits.push([idx[k], idx[k + want.length - 1]]);
  }
  return hits;
}

/** "[1.2 s]" */
export const pauseLabel = (ms: number) => `[${(Math.round(ms / 100) / 10).toFixed(1)} s]`;

const HAN_KANA_HANGUL = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

/** The space shown between two words: none between Chinese characters (each is a word). */
export function wordGap(text: string, next: TranscriptToken | undefined): string {
  if (next?.type !== "word") return " ";
  const last = text.replace(/[\p{P}\s]+$/u, "").slice(-1);
  return HAN_KANA_HANGUL.test(last) && HAN_KANA_HANGUL.test(next.text.charAt(0)) ? "" : " ";
}
