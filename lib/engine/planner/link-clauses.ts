import { pointsBack, readPolarity, REMOVE_CUE } from "./read-polarity";

// What "it" refers to across the clauses of one request:
//   "the part from 2:10 to 2:18 where the dog barks, get rid of it" -> one clause: the
//   span, then the verb that points back at it;
//   "double the title size and make it red" -> "make the title red";
//   标题放大一倍，改成红色 -> 标题改成红色.

const OBJECTS: [RegExp, string, string][] = [
  [/\b(?:title|titles|heading|headline|text)\b|标题/, "the title", "标题"],
  [/\b(?:captions|subtitles|subs)\b|字幕/, "the captions", "字幕"],
  [/\b(?:music|song|soundtrack)\b|背景音乐|音乐|配乐/, "the music", "音乐"],
];
const STYLE =
  /\b(?:red|yellow|white|black|blue|green|orange|pink|purple|bigger|smaller|larger|bold|top|bottom|center|centre|middle|left|right|louder|quieter|softer|size)\b|红|黄|白|黑|蓝|绿|橙|粉|紫|大一点|小一点|放大|缩小|顶部|底部|上方|下方|中间|大声|小声/;
const ACTION =
  /\b(?:cut|remove|delete|trim|keep|drop|lose|skip|get rid|split|start|begin|end|stop|fade|speed|slow|mute|add|export)\b|删|剪|去掉|保留|截取|开始|结束|不要/;

/** Things a removal verb can take several of: "lose the intro and the ums", 去掉语气词和停顿. */
const SHARED_OBJECT =
  /\s+and\s+(?=(?:the\s+|all\s+the\s+|any\s+)?(?:background\s+)?(?:music|bgm|captions|subtitles|subs|title|text|intro|ums?|uhs?|fillers?|filler words|pauses|silences?)\b)|和(?=语气词|停顿|背景音乐|字幕|标题|音乐|片头)/;

function shareVerb(part: string): string[] {
  const verb = REMOVE_CUE.exec(part) ?? /\b(?:add|put|include)\b/.exec(part);
  if (!verb) return [part];
  const pieces = part.split(SHARED_OBJECT);
  return pieces.length < 2 ? [part] : [pieces[0], ...pieces.slice(1).map((p) => `${verb[0]} ${p}`)];
}

export function linkClauses(parts: string[]): string[] {
  const out: string[] = [];
  let object: [string, string] | null = null;
  for (const part of parts.flatMap(shareVerb)) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /⟦t/.test(prev) && !ACTION.test(prev) && pointsBack(part)) {
      out[out.length - 1] = `${prev} ${part}`;
      continue;
    }
    // "remove the pauses, and the ums": a bare object takes the removal verb before it.
    if (
      prev !== undefined &&
      /^and\s/.test(part) &&
      !ACTION.test(part) &&
      SHARED_OBJECT.test(` ${part}`) &&
      !/⟦t/.test(part)
    ) {
      const verb = REMOVE_CUE.exec(prev);
      if (verb) {
        out.push(`${verb[0]} ${part.replace(/^and\s+/, "")}`);
        continue;
      }
    }
    // "cut the first 3s, the last 3s": a bare span takes the verb of the span before it.
    if (
      prev !== undefined &&
      /⟦t/.test(prev) &&
      /⟦t/.test(part) &&
      !ACTION.test(part) &&
      readPolarity(part).kind === "none"
    ) {
      const before = readPolarity(prev).kind;
      if (before !== "none") {
        out.push(`${before === "remove" ? "remove" : "keep"} ${part}`);
        continue;
      }
    }
    const own = OBJECTS.find(([re]) => re.test(part));
    let linked = part;
    if (!own && object && STYLE.test(part)) {
      if (/\b(?:it|them|they)\b/.test(part))
        linked = part.replace(/\b(?:it|them|they)\b/, object[0]);
      else if (/[\u4e00-\u9fff]/.test(part)) linked = `${object[1]}${part}`;
    }
    if (own) object = [own[1], own[2]];
    out.push(linked);
  }
  return out;
}
