// Word error rate: how far a transcript is from a reference, in words. Used by the
// caption-quality benchmark and by the regression test on real speech.

/** Lower-case words with punctuation removed ("Americans," -> "americans", "don't" -> "dont"). */
export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** Minimum substitutions + insertions + deletions turning `hyp` into `ref`. */
export function wordEditDistance(ref: string[], hyp: string[]): number {
  let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const cur = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const sub = prev[j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, prev[j] + 1, cur[j - 1] + 1));
    }
    prev = cur;
  }
  return prev[hyp.length];
}

export interface WerResult {
  /** errors / reference words; can exceed 1 when the hypothesis adds many words. */
  wer: number;
  errors: number;
  referenceWords: number;
}

export function wordErrorRate(reference: string, hypothesis: string): WerResult {
  const ref = normalizeWords(reference);
  const hyp = normalizeWords(hypothesis);
  if (ref.length === 0) throw new Error("The reference transcript has no words.");
  const errors = wordEditDistance(ref, hyp);
  return { wer: errors / ref.length, errors, referenceWords: ref.length };
}
