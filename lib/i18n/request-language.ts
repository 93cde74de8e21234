// The language a request is written in, for the reply: Simplified Chinese when Han
// characters make up a fair share of it, else English. Shared by the planner (its
// sentences) and the studio (what it says itself while a request waits for uploads).
// English is counted in words, not letters: 导出YouTube and export成tiktok格式 are
// Chinese sentences with a brand or a verb borrowed. Quoted text (a title to add) does
// not count: "add the title 我的旅行" in quotes is still an English request.

export type Lang = "en" | "zh";

const QUOTED = /"[^"]*"|“[^”]*”|「[^」]*」|『[^』]*』|‘[^’]*’/g;

export function requestLanguage(raw: string): Lang {
  const text = raw.replace(QUOTED, " ");
  const han = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const words = (text.match(/[a-z]+/gi) ?? []).length;
  if (!han && !words) return /[\u4e00-\u9fff]/.test(raw) ? "zh" : "en";
  return han > 0 && han >= 1.5 * words ? "zh" : "en";
}
