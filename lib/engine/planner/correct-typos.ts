import { createRequire } from "node:module";
import { distance } from "fastest-levenshtein";
import { pinyin } from "pinyin-pro";
import { HOMOPHONE_KEEP, VERBS, VOCABULARY_EN, VOCABULARY_ZH } from "./vocabulary";

// Typos in the key words, corrected against the planner's own vocabulary rather than a
// list of misspellings: an English token that is not a word of the language and lies
// within one or two edits of a vocabulary word becomes that word ("remvoe" -> "remove",
// "musci" -> "music"); a Chinese stretch that sounds exactly like a vocabulary word but
// is written differently becomes it ("子幕" -> "字幕", "导处" -> "导出").

const VOCAB = new Set(VOCABULARY_EN);
let english: Set<string> | null = null;

/** The English word list (an-array-of-english-words, 275k words), loaded once on first use. */
function isEnglish(word: string): boolean {
  if (!english) {
    const require = createRequire(import.meta.url);
    english = new Set(require("an-array-of-english-words") as string[]);
  }
  return english.has(word);
}

/** Edits between two words, an adjacent swap counting as one ("tirm" / "trim"). */
export function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  for (let i = 0; i < a.length - 1; i++) {
    if (a[i] !== b[i])
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2) ? 1 : 2;
  }
  return d;
}

function correctWord(word: string): string {
  // Three-letter words are too close to too many others ("min", "sec"): the typo table has those.
  if (word.length < 4 || VOCAB.has(word) || isEnglish(word)) return word;
  const allowed = word.length <= 4 ? 1 : 2;
  let bestD = allowed + 1;
  let best: string[] = [];
  for (const v of VOCABULARY_EN) {
    if (Math.abs(v.length - word.length) > allowed) continue;
    const d = editDistance(word, v);
    if (d < bestD) [bestD, best] = [d, [v]];
    else if (d === bestD) best.push(v);
  }
  // Two equally close words: the one that starts like the typo, then the one with the
  // same letters swapped ("donw": "down", not "dont"), or neither.
  if (best.length > 1) best = best.filter((v) => v[0] === word[0]);
  const sameLetters = (v: string) => [...v].sort().join("") === [...word].sort().join("");
  if (best.length > 1 && best.filter(sameLetters).length === 1) best = best.filter(sameLetters);
  return best.length === 1 ? best[0] : word;
}

const toneless = (s: string) => pinyin(s, { toneType: "none", type: "array" }).join(" ");
const VOCAB_ZH_SOUND = VOCABULARY_ZH.map((w) => ({ word: w, sound: toneless(w) }));

/** Every reading of one character: 调 is tiao and diao, so 剪调 can be a slip for 剪掉. */
const readings = new Map<string, string[]>();
function readingsOf(ch: string): string[] {
  let r = readings.get(ch);
  if (!r) {
    r = pinyin(ch, { toneType: "none", type: "array", multiple: true });
    readings.set(ch, r);
  }
  return r;
}

function soundsLike(window: string, sound: string): boolean {
  const want = sound.split(" ");
  const chars = [...window];
  return chars.length === want.length && chars.every((ch, k) => readingsOf(ch).includes(want[k]));
}

function correctChinese(run: string): string {
  let out = run;
  for (const { word, sound } of VOCAB_ZH_SOUND) {
    for (let i = 0; i + word.length <= out.length; i++) {
      const window = out.slice(i, i + word.length);
      if (window === word || HOMOPHONE_KEEP.has(window)) continue;
      const differing = [...window].filter((ch, k) => ch !== word[k]).length;
      if (differing > Math.max(1, Math.floor(word.length / 2))) continue;
      if (VOCABULARY_ZH.some((w) => out.includes(w) && w.includes(window))) continue;
      if (soundsLike(window, sound)) out = out.slice(0, i) + word + out.slice(i + word.length);
    }
  }
  return out;
}

/** "removing" -> "remove", "trimmed" -> "trim", "muted" -> "mute": only into the rules' own verbs. */
function baseForm(word: string): string {
  const m = /^([a-z]+?)(ing|ed|es|s)$/.exec(word);
  if (!m || VERBS.has(word)) return word;
  const stem = m[1];
  const candidates = [stem, `${stem}e`, stem.replace(/([bcdfgklmnprstvz])\1$/, "$1")];
  return candidates.find((c) => VERBS.has(c)) ?? word;
}

/** Corrects a lower-cased request; placeholders, file names and numbers are left alone. */
export function correctTypos(text: string): string {
  return (
    text
      // A contraction's halves ("aren't") are words as they stand.
      .replace(/(?<![\w.⟦/'-])[a-z]{3,}(?![\w.⟧/'-])/g, (w) => baseForm(correctWord(w)))
      .replace(/[\u4e00-\u9fff]{2,}/g, correctChinese)
  );
}
