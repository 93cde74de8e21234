// A typed answer to the last question's choices: "remove", "keep it", "the first one",
// "2", "删除", "第二个" -> that choice's own words, which plan without another question.
// Anything longer than a short answer is a new request and is left alone.

const FIRST = /^(?:the\s+)?(?:first|1st|1|one|option\s*1|a)(?:\s+one)?$|^第一个?$|^1$/;
const SECOND = /^(?:the\s+)?(?:second|2nd|2|two|option\s*2|b|other)(?:\s+one)?$|^第二个?$|^2$/;
const REMOVE =
  /^(?:remove|delete|cut|drop|lose|get rid of)(?:\s+(?:it|that|them|this))?$|^(?:删除|删掉|删|去掉|剪掉)(?:它|吧)?$/;
const KEEP =
  /^(?:keep|keep only|only keep|keep it|keep that|keep only that)$|^(?:只保留|保留|留下)(?:它|吧)?$/;

export function answerChoice(message: string, choices: string[]): string | null {
  const text = message
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[.!?。！？,，]+$/g, "")
    .replace(/^(?:(?:please|pls|ok|okay|yes|yeah|hmm)[,\s]+)+|\s+(?:please|pls)$/g, "")
    .trim();
  if (!text || text.length > 40) return null;
  const exact = choices.find((c) => c.toLowerCase() === text);
  if (exact) return exact;
  if (FIRST.test(text)) return choices[0] ?? null;
  if (SECOND.test(text)) return choices[1] ?? null;
  const removeChoice = choices.find((c) => /^(?:remove|删除)\b|^删除/.test(c));
  const keepChoice = choices.find((c) => /^(?:keep only|只保留)/.test(c));
  if (REMOVE.test(text) && removeChoice) return removeChoice;
  if (KEEP.test(text) && keepChoice) return keepChoice;
  return null;
}
