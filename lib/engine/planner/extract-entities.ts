import type { PlannerMedia } from "./planner-context";

// Pulls the values out of a normalised request and leaves placeholders behind, so the
// op rules can match words without tripping over numbers: "cut 0:05 to 0:12" becomes
// "cut ⟦t0⟧ to ⟦t1⟧" with times [5, 12]. Order matters: ratios and speed factors go
// before times so "9:16" is not nine minutes and "2x" is not two seconds.

export interface TimeValue {
  seconds: number;
  /** The user gave a unit (or a clock form); bare numbers borrow one from their range. */
  explicit: boolean;
  /** The bare number, for ranges that borrow a unit ("between 5 and 10 minutes"). */
  raw: number;
}

/** A clip reference: 0-based index, "last", "all", or a media id. */
export type ClipRef =
  | { index: number }
  | { last: true }
  | { all: true }
  | { mediaId: string; name: string }
  | { fileName: string };

export interface Entities {
  quotes: string[];
  /** The request as typed (NFKC), to recover the casing of unquoted title text. */
  raw?: string;
  ratios: string[];
  percents: number[];
  factors: number[];
  times: TimeValue[];
  clips: ClipRef[];
  degrees: number[];
  lufs: number[];
}

const ORDINALS: Record<string, number> = {
  first: 0,
  "1st": 0,
  second: 1,
  "2nd": 1,
  third: 2,
  "3rd": 2,
  fourth: 3,
  "4th": 3,
  fifth: 4,
  "5th": 4,
  sixth: 5,
  "6th": 5,
  seventh: 6,
  "7th": 6,
  eighth: 7,
  "8th": 7,
  ninth: 8,
  "9th": 8,
  tenth: 9,
  "10th": 9,
};

const RATIO_RE = /(?<![\d.:])(16|9|1|4|3|21)\s*[:x×比]\s*(9|16|1|5|4|3)(?![\d.:])/g;
const KNOWN_RATIOS = new Set(["16:9", "9:16", "1:1", "4:5", "4:3", "3:4", "21:9", "5:4"]);
const UNIT_SECONDS: [RegExp, number][] = [
  [/^(?:h|hrs?|hours?|小时)$/, 3600],
  [/^(?:m|mins?|minutes?|分钟|分)$/, 60],
  [/^(?:s|seconds?|秒|秒钟)$/, 1],
  [/^(?:ms|milliseconds?|毫秒)$/, 0.001],
];
const NUM_UNIT_RE =
  /(?<![\w.⟦])(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|milliseconds?|ms|m|seconds?|s|小时|分钟|分|毫秒|秒钟|秒)?(?![\w%]|\.\d)/g;

function unitSeconds(unit: string | undefined): number | null {
  if (!unit) return null;
  for (const [re, s] of UNIT_SECONDS) if (re.test(unit)) return s;
  return null;
}

export function extractEntities(
  input: string,
  media?: PlannerMedia[],
): { text: string; entities: Entities } {
  const e: Entities = {
    quotes: [],
    ratios: [],
    percents: [],
    factors: [],
    times: [],
    clips: [],
    degrees: [],
    lufs: [],
  };
  let text = input;
  const put = (key: string, list: unknown[], value: unknown) => {
    list.push(value);
    return ` ⟦${key}${list.length - 1}⟧ `;
  };

  // File names the user mentions, longest first so "intro-2.mp4" beats "intro".
  for (const m of [...(media ?? [])].sort((a, b) => b.name.length - a.name.length)) {
    const name = m.name.toLowerCase();
    const stem = name.replace(/\.[a-z0-9]+$/, "");
    // A bare stem counts only when it cannot be an ordinary word ("intro" is one; "clip_02" is not).
    for (const form of /[^a-z]/.test(stem) && stem.length >= 3 && stem !== name
      ? [name, stem]
      : [name]) {
      const i = text.indexOf(form);
      if (i >= 0) {
        text =
          text.slice(0, i) +
          put("c", e.clips, { mediaId: m.id, name: m.name }) +
          text.slice(i + form.length);
        break;
      }
    }
  }
  text = text.replace(
    /\b[\w-]+\.(?:mp4|mov|avi|webm|mkv|mp3|wav|m4a|aac|jpe?g|png|gif|webp)\b/g,
    (f) => put("c", e.clips, { fileName: f }),
  );

  const RES: Record<string, string> = {
    "1920x1080": "16:9",
    "1280x720": "16:9",
    "1080x1920": "9:16",
    "720x1280": "9:16",
    "1080x1080": "1:1",
    "1080x1350": "4:5",
  };
  text = text.replace(/\b(\d{3,4})\s*[x×]\s*(\d{3,4})\b/g, (m, a: string, b: string) => {
    const r = RES[`${a}x${b}`];
    return r ? put("r", e.ratios, r) : m;
  });
  text = text.replace(RATIO_RE, (m, a: string, b: string) =>
    KNOWN_RATIOS.has(`${a}:${b}`) ? put("r", e.ratios, `${a}:${b}`) : m,
  );
  text = text.replace(
    /(-?\d+(?:\.\d+)?)\s*lufs\b|\blufs\s*(?:of\s*)?(-?\d+(?:\.\d+)?)/g,
    (_, a?: string, b?: string) => put("l", e.lufs, -Math.abs(Number(a ?? b))),
  );
  text = text.replace(/(-?\d+)\s*(?:degrees?|deg|°|度)/g, (_, n: string) =>
    put("d", e.degrees, Number(n)),
  );
  text = text.replace(/(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)/g, (_, n: string) =>
    put("p", e.percents, Number(n) / 100),
  );
  text = text.replace(
    /(\d+(?:\.\d+)?)\s*(?:x|×|times)(?![a-z])|(\d+(?:\.\d+)?)\s*倍/g,
    (_, a?: string, b?: string) => put("x", e.factors, Number(a ?? b)),
  );
  text = text.replace(
    /\b(each|every|all(?: the| my| of the| of my)?|both(?: the)?)\s+(clips?|videos?|files?)\b|每个片段|每段|所有片段|每个视频|所有视频/g,
    () => put("c", e.clips, { all: true }),
  );
  text = text.replace(
    /\b(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|last)\s+(clip|video|file|part|segment)\b/g,
    (_, o: string) =>
      put(
        "c",
        e.clips,
        o === "last" ? { last: true } : { index: ORDINALS[o] ?? Number.parseInt(o, 10) - 1 },
      ),
  );
  // "clip 2", "video #3" - but "the video 30 seconds" is a length, not clip 30.
  text = text.replace(
    /\b(?:clip|video|file)\s*(?:#|number\s*|no\.?\s*)?(\d+)\b(?!\s*(?:s|sec|secs|seconds?|m|mins?|minutes?|h|hours?|x|%|秒|分)\b|\.\d|:\d)/g,
    (_, n: string) => put("c", e.clips, { index: Number(n) - 1 }),
  );
  text = text.replace(/第(\d+)(?:个)?(?:片段|段|个视频|个素材|条)/g, (_, n: string) =>
    put("c", e.clips, { index: Number(n) - 1 }),
  );
  text = text.replace(/最后(?:一)?(?:个)?(?:片段|段|个视频)/g, () =>
    put("c", e.clips, { last: true }),
  );

  text = extractTimes(text, e.times, (v) => put("t", e.times, v));
  return { text: text.replace(/\s+/g, " ").trim(), entities: e };
}

function extractTimes(text: string, _times: TimeValue[], put: (v: TimeValue) => string): string {
  // Clock forms first: 1:02:03, 0:05, 0:05.5.
  text = text.replace(
    /(?<![\d.])(\d{1,2}):(\d{2})(?::(\d{2}))?(\.\d+)?(?![\d:])/g,
    (_, a: string, b: string, c?: string, f?: string) => {
      const secs =
        c !== undefined
          ? Number(a) * 3600 + Number(b) * 60 + Number(c)
          : Number(a) * 60 + Number(b);
      const seconds = secs + (f ? Number(f) : 0);
      return put({ seconds, explicit: true, raw: seconds });
    },
  );
  // "1m30", "2h5m", "1分30秒": minutes and seconds glued together.
  text = text.replace(
    /(?<![\w.])(\d+)\s*(h|m|min|分)\s*(\d{1,2})(?:\s*(?:seconds?|secs?|s|minutes?|mins?|m|秒|分钟?))?(?![\w.])/g,
    (_, a: string, u: string, b: string) => {
      const seconds = u === "h" ? Number(a) * 3600 + Number(b) * 60 : Number(a) * 60 + Number(b);
      return put({ seconds, explicit: true, raw: Number(a) });
    },
  );
  // Number + unit tokens, merging compounds: "1m30", "1 min 30 s", "1分30秒", "1 minute and 30 seconds".
  type Tok = { start: number; end: number; n: number; unit: number | null };
  const toks: Tok[] = [];
  for (const m of text.matchAll(NUM_UNIT_RE)) {
    toks.push({
      start: m.index!,
      end: m.index! + m[0].length,
      n: Number(m[1]),
      unit: unitSeconds(m[2]),
    });
  }
  const groups: Tok[][] = [];
  for (const t of toks) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    const between = prev ? text.slice(prev.end, t.start) : "";
    const joinable =
      prev &&
      prev.unit !== null &&
      prev.unit > 1 &&
      /^\s*(?:and\s*)?$/.test(between) &&
      (t.unit === null || t.unit < prev.unit);
    if (joinable) g.push({ ...t, unit: t.unit ?? prev.unit! / 60 });
    else groups.push([t]);
  }
  let out = "";
  let pos = 0;
  for (const g of groups) {
    const explicit = g.some((t) => t.unit !== null);
    const seconds = g.reduce((s, t) => s + t.n * (t.unit ?? 1), 0);
    out += text.slice(pos, g[0].start) + put({ seconds: round3(seconds), explicit, raw: g[0].n });
    pos = g[g.length - 1].end;
  }
  return out + text.slice(pos);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
