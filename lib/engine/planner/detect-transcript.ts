import type { Op } from "@/lib/plan/schema";

// Cuts anchored to quoted words: "remove every 'basically'", "cut from 'welcome back'
// to 'let's begin'", "delete the sentence that starts with 'so anyway'". Read from the
// request as typed, before normalisation: the quotes may hold apostrophes ("let's"),
// which the general quote reader takes for the end of the quote. The words are found
// when the op runs (ops/anchor-phrases.ts), against the transcript of the timeline.

export interface AnchoredCuts {
  ops: Op[];
  /** The rest of the request ("... and export for YouTube"), for the other rules. */
  rest: string;
}

/** Quoted phrases; an apostrophe between letters ("let's") does not end a single-quoted one. */
const QUOTED =
  /"([^"]+)"|“([^”]+)”|「([^」]+)」|‘((?:[^’]|’(?=\p{L}))+)’|(?<![\p{L}\p{N}])'((?:[^']|'(?=\p{L}))+?)'(?![\p{L}\p{N}])/gu;

const VERB = String.raw`(?:please\s+)?(?:cut(?:\s+out)?|remove|delete|drop|take\s+out|get\s+rid\s+of|删掉|删除|去掉|剪掉)`;
const PATTERNS: { re: RegExp; make(q: string[]): Op }[] = [
  {
    re: new RegExp(
      String.raw`${VERB}\s+(?:everything\s+|all\s+|the\s+part\s+)?from\s+⟦0⟧\s+(?:to|until|till|through|thru|up\s+to)\s+⟦1⟧`,
      "i",
    ),
    make: (q) => ({ op: "cut_text", match: "range", phrase: q[0], until: q[1] }),
  },
  {
    re: new RegExp(
      String.raw`${VERB}\s+(?:everything\s+|the\s+part\s+)?between\s+⟦0⟧\s+and\s+⟦1⟧`,
      "i",
    ),
    make: (q) => ({ op: "cut_text", match: "range", phrase: q[0], until: q[1] }),
  },
  {
    re: new RegExp(
      String.raw`${VERB}\s+the\s+(?:sentence|line)\s+(?:that\s+|which\s+)?(?:starts|begins|starting|beginning|that\s+starts|opening)\s+with\s+⟦0⟧|${VERB}\s+the\s+sentence\s+⟦0⟧`,
      "i",
    ),
    make: (q) => ({ op: "cut_text", match: "sentence", phrase: q[0] }),
  },
  {
    re: new RegExp(
      String.raw`${VERB}\s+(?:every|all|each)(?:\s+(?:instances?|occurrences?|times?|mentions?))?(?:\s+of)?(?:\s+the\s+(?:word|phrase)s?)?\s+⟦0⟧|${VERB}\s+(?:the\s+(?:word|phrase)\s+)?⟦0⟧(?:\s+everywhere)?`,
      "i",
    ),
    make: (q) => ({ op: "cut_text", match: "every", phrase: q[0] }),
  },
];

/** `mediaNames`: file names in the session; a quoted file name is a clip ("delete 'b.mp4'"), not words. */
export function detectAnchoredCuts(raw: string, mediaNames: string[] = []): AnchoredCuts | null {
  const quotes: string[] = [];
  const marked = raw.normalize("NFKC").replace(QUOTED, (...m: string[]) => {
    quotes.push((m.slice(1, 6).find((x) => x !== undefined) ?? "").trim());
    return `⟦${quotes.length - 1}⟧`;
  });
  if (quotes.length === 0) return null;
  for (const { re, make } of PATTERNS) {
    // Try the pattern on each quote position: ⟦0⟧/⟦1⟧ in a pattern mean "the next quote(s)".
    for (let k = 0; k < quotes.length; k++) {
      const local = re.source.replace(/⟦0⟧/g, `⟦${k}⟧`).replace(/⟦1⟧/g, `⟦${k + 1}⟧`);
      const m = new RegExp(local, re.flags).exec(marked);
      if (!m) continue;
      const named = [quotes[k], quotes[k + 1]].some(
        (q) => q !== undefined && (mediaNames.includes(q) || /\.[a-z0-9]{2,4}$/i.test(q)),
      );
      if (named) return null;
      const op = make([quotes[k], quotes[k + 1]]);
      const rest = (marked.slice(0, m.index) + marked.slice(m.index + m[0].length))
        .replace(/⟦(\d+)⟧/g, (_, i: string) => `"${quotes[Number(i)]}"`)
        .replace(/^[\s,;.]*(?:and|then|also)?\s*(?:then\s+)?|[\s,;.]*(?:and|then)?[\s,;.]*$/gi, "")
        .trim();
      return { ops: [op], rest };
    }
  }
  return null;
}
