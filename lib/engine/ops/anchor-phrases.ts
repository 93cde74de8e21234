import { AppError } from "@/lib/errors";
import { formatTime } from "./timeline";

// Quoted phrases anchored to the words heard on the timeline: "remove every
// 'basically'", "cut from 'welcome back' to 'let's begin'", "delete the sentence that
// starts with 'so anyway'". Matching ignores case, punctuation and apostrophes, and runs
// across clip boundaries; a phrase that is not heard, or heard where it could mean more
// than one place, is a sentence for the user, never a guess.

export interface AnchorWord {
  w: string;
  /** Output ms. */
  s: number;
  e: number;
}

export type AnchorRequest =
  | { match: "every"; phrase: string }
  | { match: "range"; phrase: string; until: string }
  | { match: "sentence"; phrase: string };

/** Lower case, no punctuation, no apostrophes: "Let's," and "lets" compare equal. */
export function normToken(w: string): string {
  return w
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

export function phraseTokens(phrase: string): string[] {
  return phrase.split(/\s+/).map(normToken).filter(Boolean);
}

/** Start indexes of each place the phrase is said (non-overlapping, in order). */
export function findPhrase(words: AnchorWord[], phrase: string): number[] {
  const want = phraseTokens(phrase);
  if (want.length === 0) return [];
  const have = words.map((w) => normToken(w.w));
  const hits: number[] = [];
  for (let i = 0; i + want.length <= have.length; i++) {
    if (want.every((t, k) => have[i + k] === t)) {
      hits.push(i);
      i += want.length - 1;
    }
  }
  return hits;
}

const SENTENCE_END = /[.?!。？！…]["'”’)]*$/;
/** Without punctuation (pocketsphinx gives none), a pause this long ends a sentence. */
export const SENTENCE_PAUSE_MS = 600;
const MAX_SENTENCE_WORDS = 80;

function notFound(phrase: string): AppError {
  return new AppError(
    "validation",
    `I could not find "${phrase}" in the speech. Check the words in the transcript panel (recognition may have heard them differently) and quote them as written there.`,
  );
}

function ambiguous(phrase: string, words: AnchorWord[], hits: number[]): AppError {
  const times = hits.slice(0, 4).map((i) => formatTime(words[i].s));
  const more = hits.length > 4 ? ` and ${hits.length - 4} more` : "";
  return new AppError(
    "validation",
    `"${phrase}" is said ${hits.length} times (at ${times.join(", ")}${more}), so I don't know which one you mean. Quote a few more words around it, or select the words in the transcript panel and press Delete.`,
  );
}

/** Does a sentence start at word i (first word, after a sentence end, or after a long pause)? */
function startsSentence(words: AnchorWord[], i: number): boolean {
  const prev = words[i - 1];
  return !prev || SENTENCE_END.test(prev.w) || words[i].s - prev.e >= SENTENCE_PAUSE_MS;
}

/** Index of the last word of the sentence starting at i. */
function sentenceEnd(words: AnchorWord[], i: number): number {
  let j = i;
  while (j < words.length - 1 && j - i < MAX_SENTENCE_WORDS) {
    if (SENTENCE_END.test(words[j].w)) break;
    if (words[j + 1].s - words[j].e >= SENTENCE_PAUSE_MS) break;
    j++;
  }
  return j;
}

/** Word index ranges [first, last] (inclusive) to cut for the request. */
export function anchorRanges(words: AnchorWord[], req: AnchorRequest): [number, number][] {
  if (words.length === 0) {
    throw new AppError(
      "validation",
      "I have no words for this video yet: ask for captions (or open the transcript) first so I can listen to the speech.",
    );
  }
  const len = phraseTokens(req.phrase).length;
  if (len === 0)
    throw new AppError("validation", 'Quote the words to find, e.g. remove every "basically".', {
      field: "phrase",
    });
  const hits = findPhrase(words, req.phrase);
  if (hits.length === 0) throw notFound(req.phrase);
  if (req.match === "every") return hits.map((i) => [i, i + len - 1]);
  if (req.match === "sentence") {
    const starts = hits.filter((i) => startsSentence(words, i));
    const picked = starts.length > 0 ? starts : hits;
    if (picked.length > 1) throw ambiguous(req.phrase, words, picked);
    return [[picked[0], sentenceEnd(words, picked[0])]];
  }
  if (hits.length > 1) throw ambiguous(req.phrase, words, hits);
  const from = hits[0];
  const untilLen = phraseTokens(req.until).length;
  const after = findPhrase(words.slice(from + len), req.until);
  if (after.length === 0) {
    if (findPhrase(words, req.until).length > 0) {
      throw new AppError(
        "validation",
        `"${req.until}" is only said before "${req.phrase}": say the earlier phrase first, e.g. cut from "${req.until}" to "${req.phrase}".`,
      );
    }
    throw notFound(req.until);
  }
  return [[from, from + len + after[0] + untilLen - 1]];
}
