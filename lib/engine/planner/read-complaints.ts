// A complaint names the opposite of the wish: "the subs are too small" wants them bigger,
// 音乐太小声了 wants the music louder. The op rules look for "small" / 小声 and would
// shrink or lower, so a complaint is turned into the wish before they read it. Only a
// judgement counts as a complaint: "too X", or "is/are X" after the thing ("the music
// is loud"); "make it loud" is a wish and stays as written.

const EN_WISH: Record<string, string> = {
  small: "bigger",
  tiny: "bigger",
  big: "smaller",
  large: "smaller",
  huge: "smaller",
  loud: "quieter",
  noisy: "quieter",
  quiet: "louder",
  soft: "louder",
  fast: "slower",
  quick: "slower",
  slow: "faster",
  dark: "brighter",
};
const ADJ = Object.keys(EN_WISH).join("|");
const DEGREE = String.raw`(?:way|kinda|kind of|sort of|a bit|a little|a tad|so|really|very|pretty|quite|super|much|far|just|still|a lot)`;
/** "too small", "way too loud", "is kinda loud", "'re so tiny", "r 2 small" (after texting fixes). */
const EN_COMPLAINT = new RegExp(
  String.raw`(?:\s*\b(?:is|are|was|were|r|looks?|seems?|feels?|sounds?|gets?)\b|'s|'re)?\s+(?:${DEGREE}\s+)*too\s+(${ADJ})\b|(?:\s*\b(?:is|are|r|looks?|seems?|feels?|sounds?)\b|'s|'re)\s+(?:${DEGREE}\s+)*(${ADJ})\b`,
  "g",
);

/** Chinese: 太小了, 有点吵, 不够大, 不要那么大声: what is wrong -> 一点 of the opposite. */
const ZH_TOO = "(?:(?:不要|别|不用|没必要)\\s*(?:那么|这么|太)|太|有点|有些|特别|过于)";
const ZH_WISH: [RegExp, string][] = [
  [new RegExp(`${ZH_TOO}(?:小声|轻)了?|不够(?:大声|响)|听不太?清`, "g"), "大声一点"],
  [new RegExp(`${ZH_TOO}(?:大声|吵|响|闹)了?`, "g"), "小声一点"],
  [new RegExp(`${ZH_TOO}小了?|不够大`, "g"), "大一点"],
  [new RegExp(`${ZH_TOO}大了?`, "g"), "小一点"],
  [new RegExp(`${ZH_TOO}快了?`, "g"), "慢一点"],
  [new RegExp(`${ZH_TOO}慢了?`, "g"), "快一点"],
  [new RegExp(`${ZH_TOO}暗了?`, "g"), "亮一点"],
];

export function rewriteComplaints(text: string): string {
  // "less loud", "less tiny": the opposite wish too.
  let out = text.replace(
    new RegExp(`\\bless\\s+(${ADJ})\\b`, "g"),
    (_m, adj: string) => EN_WISH[adj],
  );
  out = out.replace(
    EN_COMPLAINT,
    (_m, tooAdj: string | undefined, isAdj: string | undefined) =>
      ` ${EN_WISH[(tooAdj ?? isAdj)!]}`,
  );
  for (const [re, wish] of ZH_WISH) out = out.replace(re, wish);
  return out;
}
