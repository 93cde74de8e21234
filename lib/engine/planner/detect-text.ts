import type { CaptionStyle, Position } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import { Clause, REMOVE_VERB, type Detection } from "./clause";

// Rules for words on screen: captions from speech, titles, and follow-ups that restyle
// them ("make the captions bigger", "move the title to the bottom").

const CAPTIONS = /\b(?:captions|subtitles|subs|closed captions|cc)\b|字幕/;
const TITLE = /\b(?:title|titles|text|heading|headline|lower third|overlay|label)\b|标题|文字|文本/;
const BIGGER =
  /\b(?:bigger|larger|increase (?:the )?size|enlarge|more readable|easier to read|huge|bigger still)\b|\b(?:increase|enlarge|raise|bump up)\s+(?:the\s+)?(?:\w+\s+)?(?:size|font)\b|大一点|大一些|放大|大些|大点|更大|加大|调大|变大|弄大/;
const SMALLER =
  /\b(?:smaller|tinier|decrease (?:the )?size|shrink|less big|too big)\b|\b(?:reduce|decrease|lower|shrink)\s+(?:the\s+)?(?:\w+\s+)?(?:size|font)\b|小一点|小一些|缩小|小些|小点|更小|调小|变小|弄小/;
/** A size said as a factor: "double the title size", "half as big", 放大一倍. */
const TWICE =
  /\b(?:double|twice|2x|2 times)\b(?!\s+(?:the\s+)?(?:speed|fast))|放大一倍|大一倍|放大两倍|两倍大/;
const HALF = /\bhalf (?:the size|as big|size)\b|缩小一半|小一半/;

function scaleOf(c: Clause, bigger = 1.25, smaller = 0.8): number | undefined {
  if (c.has(TWICE)) return 2;
  if (c.has(HALF)) return 0.5;
  if (c.has(BIGGER)) return bigger;
  if (c.has(SMALLER)) return smaller;
  return undefined;
}

const LANGS: [RegExp, string][] = [
  [/\b(?:english)\b|英文|英语/, "en"],
  [/\b(?:chinese|mandarin)\b|中文|汉语|普通话/, "zh"],
  [/\b(?:spanish)\b|西班牙/, "es"],
  [/\b(?:french)\b|法语/, "fr"],
  [/\b(?:german)\b|德语/, "de"],
  [/\b(?:japanese)\b|日语|日文/, "ja"],
  [/\b(?:portuguese)\b/, "pt"],
  [/\b(?:italian)\b/, "it"],
  [/\b(?:korean)\b|韩语/, "ko"],
];

const COLORS: [RegExp, string][] = [
  [/\bred\b|红色/, "#FF0000"],
  [/\byellow\b|黄色/, "#FFD400"],
  [/\bwhite\b|白色/, "#FFFFFF"],
  [/\bblack\b|黑色/, "#000000"],
  [/\bblue\b|蓝色/, "#1E6BFF"],
  [/\bgreen\b|绿色/, "#22C55E"],
  [/\borange\b|橙色/, "#FF8A00"],
  [/\bpink\b|粉色/, "#FF5FA2"],
  [/\bpurple\b|紫色/, "#8B5CF6"],
];

/** "Welcome at the beginning" -> "Welcome", in the casing the user typed. */
function cleanTitle(lower: string, raw?: string): string | undefined {
  const trimmed = lower
    .replace(
      /\s+(?:at|on|in|to|for|during)\s+(?:the\s+)?(?:very\s+)?(?:beginning|start|end|top|bottom|middle|center|centre|top left|top right|bottom left|bottom right)\b.*$/,
      "",
    )
    .replace(/\s+for\s+(?:the\s+)?(?:first|last|whole)\b.*$/, "")
    .replace(/[.!?,;]+$/, "")
    .trim();
  if (!trimmed) return undefined;
  const i = raw?.toLowerCase().indexOf(trimmed) ?? -1;
  return i >= 0 ? raw!.slice(i, i + trimmed.length) : trimmed;
}

export function positionIn(text: string): Position | undefined {
  if (/\b(?:top|upper)[ -]left\b|左上/.test(text)) return "top-left";
  if (/\b(?:top|upper)[ -]right\b|右上/.test(text)) return "top-right";
  if (/\b(?:bottom|lower)[ -]left\b|左下/.test(text)) return "bottom-left";
  if (/\b(?:bottom|lower)[ -]right\b|右下/.test(text)) return "bottom-right";
  if (/\b(?:center|centre|middle)\b|中间|居中|中央/.test(text)) return "center";
  // "move them up" / "shift the captions down": the direction names the edge.
  if (
    /\b(?:top|upper part|up top)\b|\b(?:move|shift|push|bring)\s+(?:\S+\s+){0,2}up\b|顶部|上方|上面|顶端|往上/.test(
      text,
    )
  )
    return "top";
  if (
    /\b(?:bottom|lower part|down low)\b|\b(?:move|shift|push|bring)\s+(?:\S+\s+){0,2}down\b|底部|下方|下面|底端|往下/.test(
      text,
    )
  )
    return "bottom";
  return undefined;
}

function captionStyleIn(text: string): CaptionStyle | undefined {
  if (/word[ -]by[ -]word|karaoke|highlight|tiktok[ -]style|animated|逐字|卡拉ok|高亮/.test(text))
    return "highlight";
  // "too big" is a size complaint, not the bold style.
  if (
    /\b(?:bold|(?<!\b(?:too|less|so|as)\s)(?:big|large)|outlined|punchy|thick)\b|粗体|加粗|大字/.test(
      text,
    )
  )
    return "bold";
  if (/\b(?:classic|simple|plain|boxed|normal|standard)\b|经典|简单/.test(text)) return "classic";
  return undefined;
}

export function detectCaptions(c: Clause): Detection | null {
  const m = c.take(
    new RegExp(
      `(?:${REMOVE_VERB}|turn off|hide|no more|关闭|关掉)\\s*(?:the\\s+|all\\s+|all the\\s+|those\\s+|these\\s+|my\\s+|any\\s+)?(?:auto\\s+)?(?:captions|subtitles|subs|closed captions|字幕)`,
    ),
  );
  if (m) return { at: m.index, ops: [{ op: "remove_captions" }] };
  const at = c.find(CAPTIONS);
  const transcribe = c.find(/\btranscribe\b|\bcaption (?:it|this|the video)\b|识别字幕|语音转文字/);
  if (at < 0 && transcribe < 0) return null;
  const pos = positionIn(c.text);
  const style = captionStyleIn(c.text);
  if (
    COLORS.some(([re]) => re.test(c.text)) &&
    !c.has(/\b(?:add|generate|create)\b|加|添加|生成/)
  ) {
    c.take(CAPTIONS);
    return {
      at,
      clarify: c.asks.captionColour,
    };
  }
  const add =
    c.has(
      /\b(?:add|generate|create|auto|automatic|burn|include|turn on|with|give me|gimme)\b|加|添加|生成|配上|自动|加上/,
    ) || transcribe >= 0;
  // "captions on top" with captions already there: where they go, not a second set.
  const restyle =
    c.has(BIGGER) ||
    c.has(SMALLER) ||
    (pos !== undefined &&
      (c.has(/\b(?:move|put|place|show|shift|push|bring)\b|移到|放到|放在|往上|往下/) ||
        (c.ctx.hasCaptions && !add)));
  // With no timeline facts (the CLI), a restyle is taken at its word; the ops check it.
  const mayRestyle = c.ctx.hasCaptions || c.ctx.clips.length === 0;
  if (mayRestyle && (restyle || (c.ctx.hasCaptions && style && !add))) {
    const op: Extract<Op, { op: "caption_style" }> = { op: "caption_style" };
    const scale = scaleOf(c);
    if (scale) op.scale = scale;
    if (style) op.style = style;
    if (pos) op.position = pos;
    c.take(CAPTIONS);
    c.take(BIGGER);
    c.take(SMALLER);
    return { at, ops: [op] };
  }
  if (restyle && !add) {
    c.take(BIGGER);
    c.take(SMALLER);
    return {
      at,
      clarify: c.asks.noCaptionsYet,
    };
  }
  const op: Extract<Op, { op: "captions" }> = { op: "captions" };
  if (style) op.style = style;
  const lang = LANGS.find(([re]) => re.test(c.text));
  if (lang) op.language = lang[1];
  c.take(CAPTIONS);
  c.take(/\btranscribe\b|\bcaption (?:it|this|the video)\b/);
  const ops: Op[] = [op];
  if (pos && !c.ctx.hasCaptions && pos !== "bottom")
    ops.push({ op: "caption_style", position: pos });
  return { at: Math.max(0, Math.min(...[at, transcribe].filter((i) => i >= 0))), ops };
}

export function detectText(c: Clause): Detection | null {
  const quote = c.quote();
  const m = c.take(
    new RegExp(
      `${REMOVE_VERB}\\s*(?:the\\s+|all\\s+|all the\\s+|those\\s+|these\\s+|my\\s+|any\\s+)?(?:titles?|text|heading|overlay|标题|文字)`,
    ),
  );
  if (m && !quote) return { at: m.index, ops: [{ op: "remove_text" }] };
  const change =
    /\b(?:change|rename|replace|edit|update|fix)\b.*\b(?:title|text|heading)\b.*\bto\b|把标题改成|标题改成|标题换成/;
  if (quote && change.test(c.original)) {
    return {
      at: c.find(/\b(?:change|rename|replace|edit|update|fix)\b|标题/),
      ops: [{ op: "text_style", text: quote }],
    };
  }
  let text = quote;
  if (!text) {
    const said =
      /\b(?:title|text|heading|caption|words?)\s*(?:saying|that says|which says|reading|:)\s*(.+)$/.exec(
        c.text,
      ) ?? /(?:标题|文字)[:：]\s*(.+)$/.exec(c.text);
    if (said && !/⟦/.test(said[1])) text = cleanTitle(said[1], c.entities.raw);
  }
  const pos = positionIn(c.text);
  if (text) {
    const at = Math.max(
      0,
      c.find(/\b(?:add|put|place|write|show|insert|overlay|title|text)\b|加|添加|标题|文字/),
    );
    const op: Extract<Op, { op: "text" }> = { op: "text", text };
    if (pos) op.position = pos;
    const spec = c.time();
    const dur = c.ctx.durationSec;
    if (spec?.kind === "first") Object.assign(op, { start: 0, end: spec.n });
    else if (spec?.kind === "range")
      Object.assign(op, {
        start: spec.from,
        ...(spec.to === "end" ? (dur !== undefined ? { end: dur } : {}) : { end: spec.to }),
      });
    else if (spec?.kind === "point") op.start = spec.at;
    else if (spec?.kind === "value" || spec?.kind === "length")
      Object.assign(op, { start: 0, end: spec.n });
    else if (spec?.kind === "last") {
      if (dur === undefined)
        return {
          at,
          clarify: "I need the video's length to place that at the end: add a clip first.",
        };
      Object.assign(op, { start: Math.max(0, dur - spec.n), end: dur });
    } else if (c.has(/at the end|结尾|最后/) && dur !== undefined)
      Object.assign(op, { start: Math.max(0, dur - 3), end: dur });
    if (c.has(/\b(?:big|large|huge)\b|大字|大标题/)) op.size = 0.1;
    else if (c.has(/\b(?:small|tiny|subtle)\b|小字/)) op.size = 0.04;
    c.take(TITLE);
    c.take(/\b(?:add|put|place|write|show|insert)\b|添加|加/);
    return { at, ops: [op] };
  }
  // Follow-ups on existing titles: move, resize, recolour.
  const titleAt = c.find(TITLE);
  if (titleAt < 0) return null;
  const op: Extract<Op, { op: "text_style" }> = { op: "text_style" };
  if (
    pos &&
    c.has(
      /\b(?:move|put|place|show|position|shift|push|bring)\b|移到|放到|放在|移动|往上|往下|[放挪移摆](?=\s*(?:到|在)?\s*(?:中间|顶部|底部|上面|下面|上方|下方|左上|右上|左下|右下|居中))/,
    )
  )
    op.position = pos;
  const scale = scaleOf(c);
  if (scale) op.scale = scale;
  const color = COLORS.find(([re]) => re.test(c.text));
  if (color && c.has(/\b(?:make|turn|change|colou?r|in|to)\b|改成|变成|颜色|改为/))
    op.color = color[1];
  if (Object.keys(op).length === 1) {
    if (c.has(/\b(?:add|put|insert)\b|加|添加/))
      return {
        at: titleAt,
        clarify: c.asks.titleWords,
      };
    return null;
  }
  if (!c.ctx.hasTitles && c.ctx.clips.length > 0)
    return {
      at: titleAt,
      clarify: c.asks.noTitleYet,
    };
  c.take(TITLE);
  return { at: titleAt, ops: [op] };
}

/** "bigger"/"smaller"/"move it to the top" with no object: whatever the last turn touched. */
export function detectStyleFollowUp(c: Clause): Detection | null {
  if (c.has(/\b(?:volume|sound|audio|music|voice)\b|声音|音量|音乐/)) return null;
  const bigger = c.find(BIGGER);
  const smaller = c.find(SMALLER);
  const pos = positionIn(c.text);
  const move = pos && c.has(/\b(?:move|put|place|shift|push|bring)\b|移到|放到|往上|往下/);
  const styleWord = captionStyleIn(c.text) !== undefined && c.has(/\b(?:them|they|it|those)\b/);
  if (bigger < 0 && smaller < 0 && !move && !styleWord) return null;
  const last = c.ctx.lastPlan?.ops ?? [];
  const aboutCaptions =
    last.some((o) => o.op === "captions" || o.op === "caption_style") ||
    (c.ctx.hasCaptions && !c.ctx.hasTitles);
  const aboutTitles =
    last.some((o) => o.op === "text" || o.op === "text_style") ||
    (c.ctx.hasTitles && !c.ctx.hasCaptions);
  const scale = bigger >= 0 ? 1.25 : smaller >= 0 ? 0.8 : undefined;
  const look = captionStyleIn(c.text);
  const at = Math.max(0, [bigger, smaller].filter((i) => i >= 0)[0] ?? 0);
  const style = { ...(scale ? { scale } : {}), ...(move && pos ? { position: pos } : {}) };
  if (aboutCaptions && !aboutTitles)
    return { at, ops: [{ op: "caption_style", ...style, ...(look ? { style: look } : {}) }] };
  if (aboutTitles && !aboutCaptions) return { at, ops: [{ op: "text_style", ...style }] };
  return { at, clarify: c.asks.captionsOrTitle };
}
