import { KEEP_VERB, REMOVE_VERB } from "./clause";

// Whether a clause about a span asks to remove it or to keep only it, read from the
// whole clause rather than its first verb: negation ("don't need", "isn't needed",
// "nothing after 2:15 is needed"), the span as the exception ("everything but 1:00-1:30"),
// and pronouns merged in from the previous clause ("2:10-2:18 ... get rid of it").
// `sure` is false when the words allow both readings ("trim 2:10-2:18").

export type Polarity = { kind: "remove" | "keep" | "none"; at: number; sure: boolean };

export const REMOVE_CUE = new RegExp(
  [
    REMOVE_VERB,
    "\\b(?:shave|nuke|ditch|kill|toss|del|rm|scrap|axe)\\b",
    "\\b(?:throw|take|cut|get|chop)\\s+(?:it|that|this|them|those)\\s+(?:away|out|off)\\b",
    "\\b(?:take|chop|shave|knock)\\s+(?:the\\s+)?(?:first\\s+|last\\s+|final\\s+)?⟦t\\d+⟧\\s+off\\b",
    "\\b(?:can|should|has to|have to|needs? to|must|gotta|got to|has got to)\\s+go\\b|\\bgoes\\b|\\bgone\\b",
    "\\b(?:is|are)(?:n'?t|\\s+not)\\s+(?:needed|necessary|wanted)\\b",
    "\\bnot\\s+needed\\b|\\bunnecessary\\b",
    "\\b(?:don'?t|do not|doesn'?t|dont|never)\\s+(?:really\\s+)?(?:need|want)\\b",
    "\\bno need for\\b",
    // Dislike reads as removal: "i don't like the part from 1:00 to 1:10".
    "\\b(?:don'?t|do not|dont)\\s+like\\b|\\bhate\\b|\\bsucks\\b|\\b(?:is|are|looks?)\\s+(?:(?:so|really|just|kinda|pretty)\\s+)?(?:bad|awful|terrible|ugly|boring|useless|trash|garbage|pointless|rubbish|cringe|dull|unnecessary)\\b|\\bjunk\\b",
    "删了|删|不要|不需要|砍掉|剪了|去了|不喜欢",
  ].join("|"),
);

const KEEP_CUE = new RegExp(
  `${KEEP_VERB}|\\b(?:only|just)\\s+need\\b|\\bneed\\s+only\\b|\\bgive me\\b|\\bi want only\\b|\\bonly want\\b`,
);
/** "only"/"just" keep, unless a removal verb follows: "just delete the first 5 s". */
const KEEP_WEAK = new RegExp(
  `\\b(?:only|just)\\b(?!\\s+(?:${REMOVE_VERB}|\\b(?:shave|nuke|ditch|kill|del|rm)\\b))|只`,
);
/** The named span is what stays: "everything but 1:00-1:30", "throw away the rest". */
const EXCEPT = new RegExp(
  `\\b(?:everything|all)\\s+(?:but|except|other than)\\b|\\bexcept(?:\\s+for)?\\b|\\bother than\\b|除了|除去|以外|之外|(?:${REMOVE_VERB}|\\b(?:throw away|toss|ditch)\\b)\\s+(?:all\\s+)?the rest\\b|剩下的|其余|其他的?(?:部分)?(?:都)?(?:不要|删掉|去掉)`,
);
/** "nothing after 2:15 is needed", "nothing before 0:20 matters". */
const NOTHING =
  /\bnothing\b[^.]*?\b(?:after|past|before|until|from|up to)\b[^.]*?\b(?:needed|matters|necessary|important|wanted|is useful)\b|\b(?:after|past|before)\b[^.]*?\bnothing\b[^.]*?\b(?:needed|matters|necessary)\b/;

/** Words that only mark the exception; the verb elsewhere says what happens to the rest. */
const EXCEPT_WORD =
  /\b(?:everything|all)\s+(?:but|except|other than)\b|\bexcept(?:\s+for)?\b|\bother than\b|除了|除去|以外|之外|剩下的|其余/;
/** What may be done to "the rest": keep it (then the exception goes) or remove it. */
const REST_KEPT = new RegExp(`${KEEP_VERB}|\\b(?:need|want|leave|like)\\b|留着|留下|不动`);

/**
 * "cut everything but 1:00-1:30" keeps the span; "keep everything but 1:00-1:30" removes it.
 * The verb after the exception governs the rest when there is one ("除了最后30秒都删掉",
 * "everything except the intro can go"), else the verb before it.
 */
function readException(text: string, at: number): Polarity {
  const match = EXCEPT.exec(text.slice(at))![0];
  if (!EXCEPT_WORD.test(match)) return { kind: "keep", at, sure: true }; // "delete the rest"
  const after = text.slice(at + match.length);
  const before = text.slice(0, at);
  for (const part of [after, before]) {
    const removes = part.search(REMOVE_CUE);
    const keeps = part.search(REST_KEPT);
    if (removes < 0 && keeps < 0) continue;
    const restGoes = removes >= 0 && (keeps < 0 || removes <= keeps);
    return { kind: restGoes ? "keep" : "remove", at, sure: true };
  }
  return { kind: "keep", at, sure: true };
}

export function readPolarity(text: string): Polarity {
  const except = text.search(EXCEPT);
  if (except >= 0) return readException(text, except);
  const nothing = text.search(NOTHING);
  if (nothing >= 0) return { kind: "remove", at: nothing, sure: true };
  const keep = firstOf(text, KEEP_CUE, KEEP_WEAK);
  const remove = text.search(REMOVE_CUE);
  if (keep < 0 && remove < 0) return { kind: "none", at: -1, sure: false };
  if (keep >= 0 && (remove < 0 || keep <= remove)) return { kind: "keep", at: keep, sure: true };
  // "trim 2:10-2:18": trim can mean cut that away or cut down to it.
  const trimOnly =
    /^\s*trim\b/.test(text.slice(remove)) &&
    !/\btrim\s+(?:off|away|out)\b|\b(?:off|away|out)\b/.test(text);
  return { kind: "remove", at: remove, sure: !trimOnly };
}

function firstOf(text: string, ...res: RegExp[]): number {
  const hits = res.map((re) => text.search(re)).filter((i) => i >= 0);
  return hits.length ? Math.min(...hits) : -1;
}

/** A clause that only points back at the span before it: "get rid of it", "nuke it", 删了吧. */
export function pointsBack(clause: string): boolean {
  if (/⟦t/.test(clause) || (!REMOVE_CUE.test(clause) && !KEEP_CUE.test(clause))) return false;
  const rest = clause
    .replace(REMOVE_CUE, " ")
    .replace(KEEP_CUE, " ")
    .replace(
      /\b(?:it|that|this|them|those|that bit|that part|this bit|this part|the bit|the part|out|off|away|please|pls|plz|just|so|and|then|can you|could you|you|lol|too|bit|part|i|we|really|honestly|actually|tbh|ok|okay)\b|吧|了|它|那段|这段|把|掉/g,
      " ",
    );
  return rest.trim() === "";
}

const OBJECT =
  "(?:the\\s+|any\\s+|all\\s+(?:the\\s+)?|my\\s+)?(?:background\\s+)?(music|bgm|song|soundtrack|captions|subtitles|subs|titles?|text)\\b";
/** "no more background music", "music off", "don't need the captions anymore", 不要字幕了 -> "remove ...". */
export function rewriteNegations(text: string): string {
  return (
    reorderChinese(text)
      // "get the music removed", "have the intro trimmed": the object before its verb.
      .replace(
        new RegExp(
          `\\b(?:get|have|want|need|like)\\s+${OBJECT.replace("(music|", "(intro|music|")}\\s+(remove|delete|cut|trim|mute|drop)\\b`,
          "g",
        ),
        (_, o: string, v: string) => `${v} the ${o}`,
      )
      .replace(
        new RegExp(
          `\\b(?:no more|no need for|no|without(?: any)?|(?:i\\s+)?(?:don'?t|do not|dont)\\s+(?:really\\s+)?(?:need|want|like)(?:\\s+any)?|(?:i\\s+)?hate|lose|kill|ditch)\\s+${OBJECT}(?:\\s+(?:anymore|any more|at all))?`,
          "g",
        ),
        (_, o: string) => `remove the ${o}`,
      )
      .replace(
        new RegExp(
          `(?<!turn\\s+)\\b(?:the\\s+)?(?:background\\s+)?(music|bgm|captions|subtitles|subs|title)\\s+off\\b`,
          "g",
        ),
        (_, o: string) => `remove the ${o}`,
      )
      // "the music has to go", "captions gone pls", "music? nah", "take the title out":
      // the thing, then the words that send it away.
      .replace(
        new RegExp(
          `(?:\\b(?:take|get|move|put|throw)\\s+)?${OBJECT}\\s*\\??\\s*(?:(?:has|have|needs?|must|can|should|gotta|got)\\s+(?:to\\s+)?go|gone|out(?:\\s+of\\s+(?:there|here|it))?|away|nah|nope|begone)(?=\\s*(?:$|[,;.!]|\\s(?:pls|plz|please|now|thanks)\\b))`,
          "g",
        ),
        (_, o: string) => `remove the ${o}`,
      )
      .replace(
        new RegExp(`\\b(?:bye\\s+bye|goodbye|hide|nix)\\s+${OBJECT}`, "g"),
        (_, o: string) => `remove the ${o}`,
      )
      // "undo the captions" takes them away (not: add captions); "bring back the music" adds it.
      .replace(
        new RegExp(`\\b(?:undo|revert|take back)\\s+${OBJECT}`, "g"),
        (_, o: string) => `remove the ${o}`,
      )
      .replace(
        new RegExp(`\\b(?:bring|put)\\s+back\\s+${OBJECT}`, "g"),
        (_, o: string) => `add the ${o}`,
      )
      // "no awkward silences", "without the dead air": the pauses go.
      .replace(
        /\b(?:no more|no|without(?: any| the)?)\s+((?:awkward\s+|long\s+)?(?:pauses|silences?|dead air|dead space|gaps))\b/g,
        (_, o: string) => `remove the ${o}`,
      )
      // "captions yes, music no": a thing then "no" at the end of its clause.
      .replace(
        /\b(?:the\s+)?(?:background\s+)?(music|bgm|song|captions|subtitles|subs|titles?)\s+(?:no|nope|off)(?=\s*(?:$|[,;.]))/g,
        (_, o: string) => `remove the ${o}`,
      )
      .replace(
        /(?:不想要|不要|不需要|用不着|取消|撤掉|撤下|撤了|撤销)(?:这个|这些|那个)?(背景音乐|音乐|配乐|字幕|标题)了?|(背景音乐|音乐|配乐|字幕|标题)\s*(?:都)?(?:不要了?(?!\s*[加添剪删动碰改裁去换放调变砍切截拿关弄])|关掉|关了|去掉|删掉|删了|拿掉|撤掉|撤了|撤销|撤下)/g,
        (_, a?: string, b?: string) => `去掉${a ?? b}`,
      )
  );
}

/**
 * 把字幕去掉 -> 去掉字幕: the 把 construction puts the object before the verb the rules look
 * for; so does a clause that is only "object + verb" (没声音的部分删掉). A clause naming a
 * time is left to the span grammar.
 */
function reorderChinese(text: string): string {
  return text
    .replace(
      /把\s*([^，,;。把]{1,16}?)\s*(去掉|删掉|删除|剪掉|关掉|拿掉|删了|去了|剪了|截取|保留)(?!的)/g,
      (_, obj: string, verb: string) => `${finished(verb)}${obj}`,
    )
    .replace(
      /(^|[,;])(\s*)([^,;⟦]{2,16}?)\s*(去掉|删掉|删除|剪掉|拿掉|删了|去了|剪了)[吧了啊]?\s*(?=$|[,;])/g,
      (_, lead: string, sp: string, obj: string, verb: string) =>
        `${lead}${sp}${finished(verb)}${obj}`,
    );
}

/** 删了 / 去了 / 剪了 said before the object are 删掉 / 去掉 / 剪掉, the verbs the rules know. */
const finished = (verb: string) => verb.replace(/(删|去|剪)了$/, "$1掉");
