import { correctTypos } from "./correct-typos";

// Puts a request into one canonical spelling before the rules read it: lower case,
// half-width punctuation, common typos fixed, number words and Chinese numerals as
// digits. Quoted text is left exactly as typed (it becomes a title).

const TYPOS: Record<string, string> = {
  captoins: "captions",
  captons: "captions",
  caption: "captions",
  captios: "captions",
  capitons: "captions",
  captiosn: "captions",
  subtitle: "subtitles",
  subtitels: "subtitles",
  subtitls: "subtitles",
  subtiles: "subtitles",
  youtbe: "youtube",
  youtub: "youtube",
  yotube: "youtube",
  yutube: "youtube",
  youtue: "youtube",
  "you-tube": "youtube",
  tiktock: "tiktok",
  tictok: "tiktok",
  "tik-tok": "tiktok",
  tik_tok: "tiktok",
  tikok: "tiktok",
  instagarm: "instagram",
  instgram: "instagram",
  insta: "instagram",
  ig: "instagram",
  tirm: "trim",
  trimm: "trim",
  trime: "trim",
  timr: "trim",
  intor: "intro",
  inrto: "intro",
  itnro: "intro",
  exprot: "export",
  exort: "export",
  expor: "export",
  exoprt: "export",
  muisc: "music",
  musci: "music",
  msuic: "music",
  vidoe: "video",
  viedo: "video",
  vdieo: "video",
  speeed: "speed",
  sped: "speed",
  silense: "silence",
  silnce: "silence",
  slience: "silence",
  pauses: "pauses",
  pasues: "pauses",
  pauess: "pauses",
  tittle: "title",
  titel: "title",
  tilte: "title",
  bigegr: "bigger",
  biger: "bigger",
  louder: "louder",
  loder: "louder",
  quiter: "quieter",
  quieder: "quieter",
  quietr: "quieter",
  rotat: "rotate",
  roate: "rotate",
  vertcal: "vertical",
  verticle: "vertical",
  shrots: "shorts",
  secs: "seconds",
  sec: "seconds",
  secodns: "seconds",
  seocnds: "seconds",
  secnods: "seconds",
  undoo: "undo",
  filer: "filler",
  fillers: "filler",
  // Rare dictionary words that are far likelier typos here (the edit-distance pass skips real words).
  frist: "first",
  thrid: "third",
  kep: "keep",
  ad: "add",
  teh: "the",
  ot: "out",
  // Chat abbreviations.
  yt: "youtube",
  bgm: "music",
  rn: "now",
  u: "you",
  n: "and",
  thx: "thanks",
  r: "are",
  bg: "background",
  rmv: "remove",
  em: "them",
  ur: "your",
};

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
};

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "十五" -> 15, "三十" -> 30, "一百二十" -> 120, "两" -> 2. */
export function chineseNumeral(text: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(text)) return null;
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = current * 10 + CN_DIGITS[ch];
    }
  }
  return total + current;
}

export interface NormalizedRequest {
  /** Canonical text; quoted parts replaced by ⟦q0⟧, ⟦q1⟧... */
  text: string;
  /** Quoted strings, as typed. */
  quotes: string[];
}

const QUOTE_RE =
  /"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』|‘([^’]+)’|(?<![a-z])'([^']+)'(?![a-z])/gi;

export function normalizeRequest(raw: string): NormalizedRequest {
  const quotes: string[] = [];
  let text = raw
    .normalize("NFKC")
    .replace(/[\u2018\u2019]/g, (c, i, s) => (isApostrophe(s, i) ? "'" : c));
  text = text.replace(QUOTE_RE, (...m: string[]) => {
    const q = m.slice(1, 7).find((x) => x !== undefined) ?? "";
    quotes.push(q.trim());
    return ` ⟦q${quotes.length - 1}⟧ `;
  });
  text = text.toLowerCase();
  // Full-width punctuation is NFKC-folded already; Chinese sentence marks are not.
  text = text
    .replace(/[。；]/g, ";")
    .replace(/[、]/g, ",")
    .replace(/[！？]/g, ".");
  text = text
    .replace(/\bb\s*&\s*w\b|\bb\/w\b/g, "black and white")
    .replace(/\b(ctrl|cmd)\s*\+\s*z\b/g, "$1-z")
    .replace(/\s[&+]\s|(?<=[a-z])\s*\+\s*(?=[a-z])/g, " and ");
  text = text.replace(/[a-z][a-z'_-]*/g, (w) => TYPOS[w] ?? w);
  // Texting: "r 2 small" is "are too small", "4 tiktok" is "for tiktok", "the 1st 5s".
  text = text
    .replace(/\b1st\b/g, "first")
    .replace(/\btik[\s-]tok\b/g, "tiktok")
    .replace(/\byou[\s-]tube\b/g, "youtube")
    .replace(/(?<![\w.])x\s?(\d+(?:\.\d+)?)\b(?!\s*(?:\d|px|p\b))/g, "$1x")
    .replace(/\b2\s+(?=(?:small|big|loud|quiet|fast|slow|long|short|dark|bright|much)\b)/g, "too ")
    .replace(
      /\b4\s+(?=(?:youtube|yt|shorts|tiktok|reels|insta|instagram|ig|twitter|linkedin)\b)/g,
      "for ",
    );
  text = correctTypos(text);
  text = text.replace(
    /\b(twenty|thirty|forty|fifty|sixty)[ -](one|two|three|four|five|six|seven|eight|nine)\b/g,
    (_, a, b) => String(NUMBER_WORDS[a] + NUMBER_WORDS[b]),
  );
  // "a minute and a half", "2 minutes and a half": the half belongs to the unit.
  text = text.replace(
    /\b(a|an|one|\d+)\s+(minute|second|hour)s?\s+and\s+a\s+half\b/g,
    (_, n: string, unit: string) => `${(/\d/.test(n) ? Number(n) : 1) + 0.5} ${unit}s`,
  );
  text = text
    .replace(/\b(?:a|one) and a half\b/g, "1.5")
    .replace(/\bhalf a (second|minute)\b/g, "0.5 $1");
  text = text.replace(/\b(first|last|final|opening)\s+(second|minute|hour)\b/g, "$1 1 $2");
  text = text.replace(/\ba (second|minute)\b/g, "1 $1").replace(/\ban hour\b/g, "1 hour");
  text = text.replace(
    /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|ninety)\b/g,
    (w) => String(NUMBER_WORDS[w]),
  );
  // Fractions before numerals meet units: 三分之一 is a third, not "3 minutes".
  text = text.replace(
    /(?<![\d/])1\/([234])(?![\d/])/g,
    (_, d: string) => ({ 2: " half ", 3: " third ", 4: " quarter " })[d] ?? _,
  );
  text = text.replace(
    /(二|两|三|四|2|3|4)分之(一|1)/g,
    (_, d: string) =>
      ({
        二: " half ",
        两: " half ",
        2: " half ",
        三: " third ",
        3: " third ",
        四: " quarter ",
        4: " quarter ",
      })[d] ?? _,
  );
  text = text.replace(
    /百分之(\d+|[零〇一二两三四五六七八九十百]+)/g,
    (_, n: string) => `${/\d/.test(n) ? n : chineseNumeral(n)}%`,
  );
  // Chinese numerals next to units or 倍: 两倍速 -> 2倍速, 十秒 -> 10秒, 一分半 -> 1.5分钟.
  text = text.replace(
    /(\d+|[零〇一二两三四五六七八九十百]+)分半/g,
    (m, n: string) => `${(/\d/.test(n) ? Number(n) : (chineseNumeral(n) ?? 0)) + 0.5}分钟`,
  );
  text = text.replace(
    /([零〇一二两三四五六七八九十百]+)(?=(?:个)?(?:秒|分钟|分|倍|小时|度|%|个片段|段))/g,
    (m) => String(chineseNumeral(m) ?? m),
  );
  text = text.replace(/第([一二三四五六七八九十]+)/g, (_, n: string) => `第${chineseNumeral(n)}`);
  text = text.replace(/\s+/g, " ").trim();
  return { text, quotes };
}

function isApostrophe(s: string, i: number): boolean {
  return /[a-z]/i.test(s[i - 1] ?? "") && /[a-z]/i.test(s[i + 1] ?? "");
}
