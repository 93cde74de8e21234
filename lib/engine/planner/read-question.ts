// Questions about an edit are not orders for it: "what does remove silence do", "how do
// I export", 怎么导出 ask how, and an export spends credits. Such a request is answered
// with what the edit would do and the words that do it, offered as a one-tap choice.
// Also the ways of calling a request off ("never mind", 算了), which change nothing.

const HOW_EN =
  /^(?:(?:hey|so|ok|okay|um|uh)\s+)*(?:what (?:does|do|will|would)|how (?:does|do i|do you|can i|would i|should i)|how to|is there a way to)\s+/;
const HOW_ZH = /^(?:请问)?(?:怎么|如何|怎样|要怎么|该怎么)(?:才能)?/;

/** The edit a how-to question asks about, as a request ("remove silence"), or null. */
export function howToCommand(text: string): string | null {
  const en = HOW_EN.exec(text);
  const zh = en ? null : HOW_ZH.exec(text);
  const m = en ?? zh;
  if (!m) return null;
  const cmd = text
    .slice(m[0].length)
    .replace(/\s+(?:do|work|mean)\s*[?.!]*$|[?.!？]+$|(?:呢|吗|啊)$/g, "")
    .replace(/^(?:the\s+)?(?:option|button|command)\s+/, "")
    .trim();
  return cmd || null;
}

/** "never mind", "forget it", 算了: nothing to do. */
export const CALL_OFF =
  /^(?:never ?mind|nvm|forget (?:it|that|about it)|no thanks|nah(?: thanks)?|算了(?:吧)?|不用了|没事了?|当我没说)[ .!]*$/;
