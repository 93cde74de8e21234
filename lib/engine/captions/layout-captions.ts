import type { TimedWord } from "../transcribe/types";

// Turns timed words into caption cues a viewer can read: at most two balanced lines of
// about 42 characters, no faster than about 17 characters a second (a cue stays up into
// the following silence when it would flash by, but never over the next cue), 1 to 6 s
// on screen, and breaks where a speaker would breathe: sentence ends, commas, pauses,
// before "and"/"because"/"to". Chinese and Japanese have no spaces: their characters
// count double (they are twice as wide on screen), and lines break between any of them.

export interface CaptionCue {
  /** Start and length on the output timeline, ms. */
  st: number;
  d: number;
  /** The lines, joined with "\n". */
  text: string;
  /** Each word with its own timing, for the word-by-word highlight. */
  words: { w: string; s: number; e: number }[];
}

export interface LayoutOptions {
  maxLineWidth?: number;
  maxLines?: 1 | 2;
  maxCps?: number;
  minMs?: number;
  maxMs?: number;
  pauseMs?: number;
  /** Output times where the picture jumps to another clip: no cue runs across one. */
  breaks?: number[];
}

interface Token {
  w: string;
  s: number;
  e: number;
}

const DEFAULTS = {
  maxLineWidth: 42,
  maxLines: 2 as 1 | 2,
  maxCps: 17,
  minMs: 1000,
  maxMs: 6000,
  pauseMs: 300,
};

const SENTENCE_END = /[.?!。？！…]["'”’)）」]*$/;
const CLAUSE_END = /[,;:，；：、—–]["'”’)）」]*$/;
const PUNCT_ONLY = /^[\p{P}\p{S}]+$/u;
const BREAK_BEFORE = new Set(
  "and but or so because although though while when whenever if unless that which who whom whose where then to of in on at for with from about into onto as than like after before since until through without".split(
    " ",
  ),
);
const NO_BREAK_AFTER = new Set(
  "a an the my your his her its our their this these those to of very".split(" "),
);
const CJK_BREAK_BEFORE = [
  "但是",
  "然后",
  "因为",
  "所以",
  "而且",
  "还有",
  "如果",
  "虽然",
  "可是",
  "不过",
  "或者",
  "就是",
  "和",
  "跟",
  "把",
  "被",
  "从",
  "在",
];

/** Han, kana and full-width forms: written without spaces. */
export function isCjk(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** On-screen width in "Latin characters": CJK and Hangul glyphs count 2. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    w += isCjk(ch) || (cp >= 0xac00 && cp <= 0xd7a3) ? 2 : 1;
  }
  return w;
}

function joinTokens(tokens: Token[]): string {
  let out = "";
  for (const t of tokens) {
    const prev = out.slice(-1);
    const spaceless = out === "" || isCjk(prev) || isCjk(t.w[0]);
    out += spaceless ? t.w : ` ${t.w}`;
  }
  return out;
}

const bare = (w: string) => w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");

/** Clean, ordered, non-overlapping tokens; punctuation glued to its word; over-long tokens split. */
function tokenize(words: TimedWord[], maxLineWidth: number): Token[] {
  const sorted = words
    .map((x) => ({
      w: x.w.trim().replace(/\s+/g, " "),
      s: Math.max(0, Math.round(x.s)),
      e: Math.round(x.e),
    }))
    .filter((x) => x.w !== "")
    .sort((a, b) => a.s - b.s);
  const raw: Token[] = [];
  for (const x of sorted) {
    const prev = raw[raw.length - 1];
    if (prev && PUNCT_ONLY.test(x.w)) {
      prev.w += x.w;
      prev.e = Math.max(prev.e, x.e);
    } else raw.push({ ...x, e: Math.max(x.s, x.e) });
  }
  // Strictly increasing starts and at least 1 ms each, so cues can never overlap.
  const tokens: Token[] = [];
  for (const tok of raw.flatMap((t) => splitLong(t, maxLineWidth))) {
    const prev = tokens[tokens.length - 1];
    const s = prev ? Math.max(tok.s, prev.s + 1) : tok.s;
    if (prev && prev.e > s) prev.e = s;
    tokens.push({ w: tok.w, s, e: Math.max(s + 1, tok.e) });
  }
  return tokens;
}

/** A CJK run transcribed as one "word" is split per character; anything wider than a line, in line-sized chunks. */
function splitLong(tok: Token, maxLineWidth: number): Token[] {
  const chars = [...tok.w];
  const cjkRun = chars.filter(isCjk).length > 6;
  if (!cjkRun && textWidth(tok.w) <= maxLineWidth) return [tok];
  const pieces: string[] = [];
  let cur = "";
  for (const ch of chars) {
    const fits = cjkRun
      ? !isCjk(ch) || cur === "" || PUNCT_ONLY.test(ch)
      : textWidth(cur + ch) <= maxLineWidth;
    if (!fits) {
      pieces.push(cur);
      cur = "";
    }
    cur += ch;
  }
  if (cur) pieces.push(cur);
  const total = textWidth(tok.w);
  let done = 0;
  return pieces.map((p) => {
    const s = tok.s + Math.round(((tok.e - tok.s) * done) / total);
    done += textWidth(p);
    return { w: p, s, e: tok.s + Math.round(((tok.e - tok.s) * done) / total) };
  });
}

/** How good a break between tokens[k-1] and tokens[k] is: punctuation, a pause, or before a conjunction. */
function breakBonus(tokens: Token[], k: number, pauseMs: number): number {
  const left = tokens[k - 1];
  const right = tokens[k];
  let bonus = 0;
  if (SENTENCE_END.test(left.w)) bonus += 10;
  else if (CLAUSE_END.test(left.w)) bonus += 7;
  if (right && right.s - left.e >= pauseMs) bonus += 6;
  if (right && BREAK_BEFORE.has(bare(right.w))) bonus += 4;
  if (right && isCjk(right.w[0])) {
    const ahead = tokens
      .slice(k, k + 3)
      .map((t) => t.w)
      .join("");
    if (CJK_BREAK_BEFORE.some((c) => ahead.startsWith(c))) bonus += 4;
  }
  if (NO_BREAK_AFTER.has(bare(left.w))) bonus -= 8;
  return bonus;
}

/** The cue's lines (balanced, each within the width), or null when it cannot fit in maxLines. */
function splitLines(tokens: Token[], o: typeof DEFAULTS): Token[][] | null {
  if (textWidth(joinTokens(tokens)) <= o.maxLineWidth) return [tokens];
  if (o.maxLines < 2) return null;
  let best: { k: number; cost: number } | null = null;
  for (let k = 1; k < tokens.length; k++) {
    const a = textWidth(joinTokens(tokens.slice(0, k)));
    const b = textWidth(joinTokens(tokens.slice(k)));
    if (a > o.maxLineWidth || b > o.maxLineWidth) continue;
    const cost = Math.abs(a - b) - breakBonus(tokens, k, o.pauseMs) * 1.5;
    if (!best || cost < best.cost) best = { k, cost };
  }
  return best ? [tokens.slice(0, best.k), tokens.slice(best.k)] : null;
}

const fits = (tokens: Token[], o: typeof DEFAULTS) =>
  tokens[tokens.length - 1].e - tokens[0].s <= o.maxMs && splitLines(tokens, o) !== null;

/** Where to end the full cue `cur` when `next` does not fit: late, but at a phrase boundary if one is near. */
function cueBreak(cur: Token[], next: Token, o: typeof DEFAULTS): number {
  const all = [...cur, next];
  const capacity = o.maxLineWidth * o.maxLines;
  let best = { k: cur.length, score: -Infinity };
  for (let k = 1; k <= cur.length; k++) {
    const head = textWidth(joinTokens(cur.slice(0, k)));
    if (head < capacity * 0.35 && k < cur.length) continue;
    if (!fits(all.slice(k), o)) continue;
    const score = (head / capacity) * 10 + breakBonus(all, k, o.pauseMs);
    if (score > best.score) best = { k, score };
  }
  return best.k;
}

/** Should the cue end after its last token, given the token that follows? */
function endsHere(cur: Token[], next: Token, o: typeof DEFAULTS): boolean {
  const last = cur[cur.length - 1];
  const gap = next.s - last.e;
  const span = last.e - cur[0].s;
  const width = textWidth(joinTokens(cur));
  if (gap >= 1000) return true;
  if (SENTENCE_END.test(last.w) && (span >= 800 || gap >= o.pauseMs || width >= 20)) return true;
  return gap >= o.pauseMs && (width >= 20 || span >= 1500);
}

export function layoutCaptions(words: TimedWord[], options: LayoutOptions = {}): CaptionCue[] {
  const { breaks = [], ...rest } = options;
  const o = { ...DEFAULTS, ...rest };
  const tokens = tokenize(words, o.maxLineWidth);
  const crosses = (a: Token, b: Token) => breaks.some((x) => a.s < x && b.s >= x);
  const groups: Token[][] = [];
  let cur: Token[] = [];
  tokens.forEach((tok, i) => {
    if (cur.length > 0 && !fits([...cur, tok], o)) {
      const k = cueBreak(cur, tok, o);
      groups.push(cur.slice(0, k));
      cur = cur.slice(k);
      if (cur.length > 0 && !fits([...cur, tok], o)) {
        groups.push(cur);
        cur = [];
      }
    }
    cur.push(tok);
    const next = tokens[i + 1];
    if (next && (crosses(tok, next) || endsHere(cur, next, o))) {
      groups.push(cur);
      cur = [];
    }
  });
  if (cur.length) groups.push(cur);
  return groups.map((g, i) => toCue(g, groups[i + 1]?.[0]?.s, o));
}

/** Timing: from the first word, held for reading time and the minimum, stopping short of the next cue. */
function toCue(group: Token[], nextStart: number | undefined, o: typeof DEFAULTS): CaptionCue {
  const lines = splitLines(group, o) ?? [group];
  const text = lines.map(joinTokens).join("\n");
  const st = group[0].s;
  const speechEnd = group[group.length - 1].e;
  const need = Math.max(
    o.minMs,
    Math.ceil((textWidth(text.replace(/\n/g, " ")) / o.maxCps) * 1000),
  );
  let end = Math.min(st + need, st + o.maxMs, nextStart ?? Infinity);
  end = Math.max(end, speechEnd);
  return { st, d: end - st, text, words: group.map((t) => ({ w: t.w, s: t.s, e: t.e })) };
}
