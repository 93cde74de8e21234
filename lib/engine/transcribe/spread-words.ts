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

/** Han, kana and hangul: scripts written without spaces between words. */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

/** True for a language written without spaces, whose words are its characters here. */
export function isUnspacedLanguage(language: string | undefined): boolean {
  return /^(zh|ja|ko|yue)(-|$)/i.test(language ?? "");
}

/**
 * Chinese (and Japanese, Korean) comes as runs with no spaces: each character becomes its
 * own word, punctuation staying with the character before it, the run's time shared out
 * evenly, so captions break between characters and the transcript panel can select them.
 */
export function splitUnspacedWords(words: TimedWord[]): TimedWord[] {
  const out: TimedWord[] = [];
  for (const word of words) {
    if (!CJK.test(word.w)) {
      out.push(word);
      continue;
    }
    const units: string[] = [];
    for (const ch of word.w) {
      if (CJK.test(ch) || units.length === 0) units.push(ch);
      else if (/[\p{L}\p{N}]/u.test(ch) && !CJK.test(units[units.length - 1].slice(-1)))
        units[units.length - 1] += ch;
      else if (/[\p{L}\p{N}]/u.test(ch)) units.push(ch);
      else units[units.length - 1] += ch; // punctuation joins the character before it
    }
    const span = word.e - word.s;
    units.forEach((w, i) => {
      const s = word.s + Math.round((span * i) / units.length);
      const e = word.s + Math.round((span * (i + 1)) / units.length);
      out.push(word.p === undefined ? { w, s, e } : { w, s, e, p: word.p });
    });
  }
  return out;
}
