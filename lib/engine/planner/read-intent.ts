// Undo, redo and "where are we" asked in whole sentences ("can you undo what you just
// did, it looks bad", "bring back what you undid", "what does my timeline look like
// rn?"). Read only when the request names no edit, so "undo that and remove the music
// instead" stays an edit (a revision of the last turn).

const REDO =
  /\bredo\b|\bun-?undo\b|\b(?:bring|put)\s+(?:back\s+)?(?:what|the (?:thing|change|edit))\s+(?:you\s+)?(?:just\s+)?(?:undid|undone|reverted)\b|\bundid\b|\bi want (?:that|the) (?:change|edit) (?:back|after all)\b|重做|恢复(?:刚才|上一步)?(?:撤销|撤回)的?|再做一次/;
const UNDO =
  /\bundo\b|\brevert\b|\broll ?back\b|\bgo back\b|\btake (?:that |it |the last \w+ )?back\b|\btake back\b|\bput it back (?:how|the way|like) it was\b|\bback to how it was\b|\b(?:ctrl|cmd)\s*[-+]?\s*z\b|\b(?:i )?liked it (?:better )?before\b|\bchange it back\b|撤销|撤回|撤消|回退|退回|(?:返回|回到)上一步|取消上一步|恢复原样|改回去|还原/;
const STATE =
  /\bwhat(?:'s| is| does| do)?\s+(?:(?:on|in)\s+)?(?:my|the)\s+(?:timeline|project|edit|video)\b(?:\s+look like)?|\bwhat have (?:i|we) got\b|\b(?:current|where(?:'s| is)? the)\s+(?:state|status)\b|\bwhere are we\b|\bso far\b.*\?|\bhow long is (?:it|this|the video|my video|the clip)\b|\bwhat(?:'s| is) the (?:length|duration)\b|时间线上有什么|现在(?:是)?什么(?:样|情况)|进度怎么样|当前状态|(?:啥|什么)情况|(?:视频|片子|现在)[^,;.]*(?:多长|多久|几分钟)/;

export type WholeIntent = "undo" | "redo" | "state" | null;

/** The intent of a request with no edit in it, from cue words anywhere in the sentence. */
export function readWholeIntent(text: string): WholeIntent {
  if (REDO.test(text)) return "redo";
  if (UNDO.test(text)) return "undo";
  if (STATE.test(text)) return "state";
  return null;
}

/** The request asks to undo the last turn before its edits ("undo that and remove the music instead"). */
export function asksUndoFirst(text: string): boolean {
  return (
    /^(?:\w+,?\s+)?(?:undo|revert)\b(?:\s+(?:that|it|this|the last (?:change|edit|step)))?\s*(?:,|and|then|;)/.test(
      text,
    ) || /^撤销|^撤回/.test(text)
  );
}
