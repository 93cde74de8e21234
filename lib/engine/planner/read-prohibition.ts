// Clauses that say what NOT to do. The op rules look for the words of an edit ("cut",
// "music", 加字幕) wherever they stand, so "don't add music" or 字幕别动 would read as the
// very edit it forbids. A clause whose action is negated, or that only says to leave
// something as it is, yields no op; "don't keep the first 10 s" is the one negation that
// turns into an edit (the span goes). Run on the normalized text, after
// rewriteNegations has turned "don't want the music" / 不要字幕 into removals.

/** Lead-ins before the clause's verb: "but", "please", "and", "i", "you"... */
const LEAD = String.raw`^(?:(?:but|and|so|please|pls|plz|ok|okay|also|then|oh|i|we|you|u|i said|like i said|again)\s+)*`;
/** English negators of an action. */
const NEG = String.raw`(?:do not|don'?t|dont|never|no need to|(?:you|u)?\s*(?:don'?t|do not|dont) (?:have|need) to|not)`;
/** Verbs after a negator that do not forbid the edit: "don't need the intro" removes it. */
const NOT_FORBIDDING = String.raw`(?:need|want|like|forget|hesitate|worry|mind|think|know|care|see|hear|keep|leave)\b`;
/** "stop cutting the intro" (read as "stop cut" once -ing is stripped), "quit adding music". */
const ACTION = String.raw`(?:[a-z]+ing|cut|trim|add|remove|delete|chop|crop|drop|mute|speed|split|change|move|fade|export|render|shave|skip)`;
const STOP = String.raw`(?:(?:stop|quit|avoid|refrain from|hold off(?: on)?|hold back on)\s+${ACTION}|(?:no|skip|skip the|hold the|forget the|no need for(?: the| an?)?)\s+(?:export|exporting|render|rendering|download|cuts?|cutting|trim|trimming|edits?|editing)(?:\s+(?:yet|for now|now|please|pls))?\s*$)\b`;
/** "i don't want it faster", "don't want the video vertical": the state is refused, not the thing. */
const NOT_LIKE_THAT = String.raw`(?:don'?t|do not|dont|never)\s+want\s+(?:it|this|that|them|the video|my video)\s+(?:to\s+be\s+)?(?:any\s+|too\s+)?(?:[a-z]+er|vertical|square|portrait|landscape|muted|sped up|slowed down|slow|fast|loud|quiet|shorter|cut)\b`;
const EN_FORBID = new RegExp(
  String.raw`${LEAD}(?:${NEG}\s+(?:(?:ever|even|really|actually)\s+)?(?!${NOT_FORBIDDING})[a-z]|${STOP}|${NOT_LIKE_THAT})`,
);

/** Things a creator asks to leave alone. */
const THING = String.raw`(?:the\s+|my\s+|all\s+(?:the\s+)?|that\s+|this\s+)?(?:background\s+)?(?:music|song|soundtrack|audio|sound|captions|subtitles|subs|titles?|text|intro|opening|beginning|start|end|ending|outro|colou?rs?|speed|rest|it|that|this|everything else)`;
const EN_LEAVE = new RegExp(
  String.raw`${LEAD}(?:(?:leave|keep)\s+${THING}(?:\s+(?:alone|as (?:it is|is)|the same|untouched|in|on|there|where it is|unchanged|please|pls|plz|for now))*|(?:don'?t|do not|dont|never)\s+(?:touch|mess with|change)\b.*)\s*$`,
);

/** Chinese: a negator before a verb of editing (别加音乐, 不要剪开头, 不用去掉停顿). */
const ZH_NEG = "(?:千万|先|暂时|还是|就|也)?(?:别|不要|不想|不用|不必|无需|甭|不需要|不许)";
const ZH_VERB =
  "(?:再|给我|帮我|去)?(?:加|添|剪|删|动|碰|改|裁|去掉|换|放|调|变|砍|切|截|拿掉|关|弄|处理|静音|导出|输出|下载|保存|渲染|旋转|翻转|分割|拆分|淡入|淡出|移|做成|缩|压)";
const ZH_FORBID = new RegExp(`^(?:但是?|可是|不过|还有|另外|并且|请)?\\s*${ZH_NEG}\\s*${ZH_VERB}`);
/** 字幕别动, 音乐保留, 保留背景音乐, 开头不要剪: the thing first, or 保留 with no span. */
const ZH_THING =
  "(?:背景音乐|音乐|配乐|字幕|标题|开头|片头|结尾|片尾|声音|原声|颜色|速度|其他的?|其余的?)";
const ZH_LEAVE = new RegExp(
  `^(?:但是?|可是|不过|请)?\\s*(?:${ZH_THING}\\s*(?:就|先|请|都)?\\s*(?:${ZH_NEG}\\s*${ZH_VERB}|不动|保留|留着|不变|保持不变|照旧)|(?:保留|留着)\\s*${ZH_THING})[吧了呢啊\\s]*$`,
);

/** Edits that are effects, not things: removing one means going back, which needs a question. */
const EDIT_EFFECT = String.raw`vertical(?: crop)?|square(?: crop)?|portrait|landscape|speed ?up|speed-up|slow ?mo(?:tion)?|slow-mo|slow down|speed change|black and white|crop|rotation|zoom|flip|mirror|fades?|fade[ -]?(?:in|out)`;
/** "undo vertical", 取消加速: take back one kind of edit. Which state to return to is not known, so ask. */
const CANCEL_EDIT = new RegExp(
  String.raw`^(?:please\s+)?(?:(?:undo|cancel|revert|take back)\s+(?:the\s+)?(?:filter|look|${EDIT_EFFECT})` +
    String.raw`|(?:remove|get rid of|no more|no|lose|ditch|kill|drop|take off|turn off|stop)\s+(?:the\s+|that\s+|this\s+)?(?:${EDIT_EFFECT}))\b` +
    String.raw`|^(?:please\s+)?un-?(?:rotate|flip|mirror|crop)\b` +
    String.raw`|^(?:请|帮我)?(?:把)?(?:取消|撤销|撤回|不要|去掉|删掉)(?:掉)?(?:加速|减速|慢放|慢动作|变速|倍速|竖屏|横屏|方形|黑白|淡入淡出|淡入|淡出|旋转|翻转|裁剪)`,
);
/** The clause takes back one effect ("remove the slow motion", 取消竖屏). */
export const cancelsEdit = (clause: string): boolean => CANCEL_EDIT.test(clause.trim());

/** The clause only says what not to do (or what to leave), so it gives no edit. */
export function forbidsEdit(clause: string): boolean {
  const c = clause.trim();
  if (
    /⟦t\d+⟧/.test(c) &&
    /^(?:[^⟦]*\b)?(?:keep|leave)\b|保留|留着/.test(c) &&
    !NEGATED_KEEP.test(c)
  )
    return false; // "keep 1:00-1:30": a span kept is an edit.
  return (
    EN_FORBID.test(c) ||
    EN_LEAVE.test(c) ||
    ZH_FORBID.test(c) ||
    ZH_LEAVE.test(c) ||
    CANCEL_EDIT.test(c)
  );
}

const NEGATED_KEEP =
  /\b(?:do not|don'?t|dont|never|no need to)\s+keep\b|(?:别|不要|不用|不必|无需|不)保留/;

/** "don't keep the first 10 s" -> "remove the first 10 s": a refused keep is a removal. */
export function rewriteNegatedKeep(text: string): string {
  return text
    .replace(/\b(?:do not|don'?t|dont|never|no need to)\s+keep\b/g, "remove")
    .replace(/(?:别|不要|不用|不必|无需|不)保留/g, "去掉");
}
