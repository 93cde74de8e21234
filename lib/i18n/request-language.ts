// The language a request is written in, for the reply: Simplified Chinese when Han
// characters make up a fair share of it, else English. Shared by the planner (its
// sentences) and the studio (what it says itself while a request waits for uploads).

export type Lang = "en" | "zh";

export function requestLanguage(raw: string): Lang {
  const han = (raw.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const latin = (raw.match(/[a-z]/gi) ?? []).length;
  return han > 0 && han * 3 >= latin ? "zh" : "en";
}
