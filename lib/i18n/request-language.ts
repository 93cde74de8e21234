// The language a request is written in, for the reply: Simplified Chinese when Han
// characters make up a fair share of it, else English. Shared by the planner (its
// sentences) and the studio (what it says itself while a request waits for uploads).
// English is counted in words, not letters: 导出YouTube and export成tiktok格式 are
// Chinese sentences with a brand or a verb borrowed. Quoted text (a title to add) does
// not count: "add the title 我的旅行" in quotes is still an English request.

export type Lang = "en" | "zh";

/** Chinese particles and editing verbs: a request built on them is a Chinese request. */
const ZH_GRAMMAR =
  /一点|一下|帮我|给我|[把吧掉]|加速|减速|去掉|删掉|剪掉|导出|调[大小高低]|加[个点上]/;
const QUOTED = /"[^"]*"|“[^”]*”|「[^」]*」|『[^』]*』|‘[^’]*’/g;

export function requestLanguage(raw: string): Lang {
  const text = raw.replace(QUOTED, " ");
  const han = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const words = (text.match(/[a-z]+/gi) ?? []).length;
  if (!han && !words) return /[\u4e00-\u9fff]/.test(raw) ? "zh" : "en";
  if (!han) return "en";
  // Mostly Chinese, opened in Chinese, or Chinese doing the grammar around borrowed terms
  // ("speed up一点", "video加速2x"); not Chinese words quoted inside an English sentence.
  return han >= 1.5 * words || /^\s*[\u4e00-\u9fff]/.test(text) || ZH_GRAMMAR.test(text)
    ? "zh"
    : "en";
}
