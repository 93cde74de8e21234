import type { Plan } from "@/lib/plan/schema";
import { Clause, type Detection } from "./clause";
import { runRules } from "./run-rules";
import { extractEntities } from "./extract-entities";
import { normalizeRequest } from "./normalize-request";
import { detectAnchoredCuts } from "./detect-transcript";
import { revisePlan, sameForClips } from "./follow-ups";
import type { PlannerContext } from "./planner-context";
import { rewriteSpans } from "./read-span";
import { rewriteNegations } from "./read-polarity";
import { rewriteComplaints } from "./read-complaints";
import { cancelsEdit, forbidsEdit, rewriteNegatedKeep } from "./read-prohibition";
import { CALL_OFF, howToCommand } from "./read-question";
import { asksUndoFirst, readWholeIntent } from "./read-intent";
import { linkClauses } from "./link-clauses";
import { combineSpans, spanEffect } from "./span-edits";
import { requestLanguage, SENTENCES } from "./sentences";
import { describeOpsIn } from "./describe-ops-zh";
import { PLANNER_REPLIES } from "./planner-replies";
import { exportInShape } from "./detect-look";
import { dedupe } from "./dedupe-ops";

// The offline, deterministic planner (the default): request + session facts -> plan.
// Whole-message intents first (undo, credits, status...), then follow-ups that rework
// the last plan, then each clause of the request through the op rules, in order.

export const CAPABILITIES = PLANNER_REPLIES.en.capabilities;

const UNDO =
  /^(?:please |ok,? |oops,? )?(?:undo|go back|revert|take that back|撤销|撤回|回退|取消上一步|返回上一步)(?: (?:that|it|this|the last (?:change|edit|step|one)|last (?:change|edit|step)|please))*[ .!]*$|^(?:撤销|撤回)(?:一下|上一步|刚才的(?:操作|修改)?)?[ .!]*$/;
const REDO = /^(?:please )?(?:redo|重做|恢复上一步|恢复)(?: (?:that|it|this|please))*[ .!]*$/;
const CREDITS =
  /\bcredits?\b|\bbalance\b|积分|余额|how much (?:do i have|is left|can i spend)|剩余次数/;
const STATE =
  /^(?:show (?:me )?(?:the )?(?:tracks|timeline|state|status|project)|(?:what'?s|what is) on (?:the|my) timeline|status|state|timeline|where are we|what have we got|状态|查看状态|时间线|当前状态|显示轨道|查看轨道)\??[ .!]*$|\bshow (?:me )?(?:the )?tracks\b/;
const UPLOAD =
  /\bupload\b|上传|how (?:do|can) i add (?:a |my |some )?(?:video|file|clip|footage|photo|image|music)/;
const GREETING =
  /^(?:hi|hello|hey|yo|你好|嗨|help|what can you do|帮助|你能做什么|你会什么)[ .!?]*$/;
const THANKS =
  /^(?:thanks?(?: you)?(?: so much| a lot)?|thx|ty|cheers|great,? thanks|谢谢|多谢|感谢)[ .!]*$/;
const VAGUE_LENGTH = /\b(?:shorter|longer|too long|too short)\b|短一点|短一些|太长/;
const VAGUE_CROP = /^(?:please )?crop(?: it| the video| this)?[ .!]*$|^裁剪[ .!]*$/;
const VAGUE =
  /\b(?:better|nicer|prettier|good|great|professional|cool|awesome|amazing|improve|enhance|fix it|polish|pop|cinematic|viral|epic|interesting|engaging|fancy|perfect)\b|好看|更好|优化|美化|高级|专业|精彩/;
const UNSUPPORTED =
  /\b(?:dragons?|unicorns?|explosions?|monsters?|aliens?|spaceships?|fireworks|lasers?|dinosaurs?|face ?swap|deepfake|green ?screen|chroma ?key|remove (?:the )?(?:person|people|background(?!\s+(?:music|song|track|audio|bgm|sound))|watermark|logo)|replace (?:the )?(?:background|sky)|change (?:my|the) (?:voice|face)|clone (?:my )?voice|voice ?clone|avatar|3d|lip ?sync|voice ?over|text to speech|tts|stabili[sz]e|upscale|8k|4k|hdr|reverse the (?:video|clip)|play (?:it )?backwards?|loop (?:it|the video)|transitions?|crossfades?|cross-fades?|zoom(?: in| out)?|ken burns|logo|watermark|picture[ -]in[ -]picture|split[ -]screen|outro|ending|end card|(?<=\b(?:cut|remove|trim|delete|drop|lose|chop)\s+(?:off\s+)?the\s+)end(?!\s+(?:of|at|by))(?=\s*$))\b|(?<=(?:剪掉|去掉|删掉|删除|剪)\s*)结尾(?=\s*$)|恐龙|龙|爆炸|换脸|抠图|绿幕|去水印|换背景|配音|防抖|倒放|转场|片尾|加logo/;

const SPLIT =
  /[,;!?。]+|\.(?!\d)|\b(?:and then|then|after that|afterwards|also|plus|finally|lastly)\b|\bbut\s+(?=(?:please\s+)?(?:don'?t|do not|dont|never|leave|keep|not)\b)|但是|可是|不过|然后|接着|(?<!⟧\s*)之后|并且|并|再(?![大小快慢高低亮暗多少])|还要|同时|最后再/;
const VERBS =
  "add|trim|cut|remove|delete|export|make|speed|slow|mute|unmute|put|rotate|flip|fade|apply|use|keep|split|change|move|turn|normali[sz]e|download|render|send|set|give|insert|include|lower|raise|boost|reduce|increase|convert|reframe|swap|reverse|save|publish|skip|drop|get|tighten|caption|transcribe|burn|shorten|clean|colou?r|play|mirror|brighten|warm|cool";

export interface RulePlanResult extends Plan {
  /** True when the plan reworks the previous turn (undo it, then apply these ops). */
  revise?: boolean;
}

export function planWithRules(request: string, ctx: PlannerContext): RulePlanResult {
  const { text: norm, quotes } = normalizeRequest(request);
  const extracted = extractEntities(norm, ctx.media);
  const entities = extracted.entities;
  const text = rewriteNegations(
    rewriteSpans(
      rewriteComplaints(rewriteNegatedKeep(extracted.text)),
      entities.times,
      entities.percents,
      ctx.durationSec,
    ),
  )
    .replace(/\s+/g, " ")
    .trim();
  entities.quotes = quotes;
  entities.raw = request.normalize("NFKC");
  const lang = requestLanguage(request);
  const say = SENTENCES[lang];
  const words = PLANNER_REPLIES[lang];
  const bare = text.replace(/⟦[a-z]\d+⟧/g, "").trim();

  if (!bare && !/⟦/.test(text)) return clarify(words.whatToDo);
  if (UNDO.test(text)) return { intent: "undo", ops: [], reply: say.undo };
  if (REDO.test(text)) return { intent: "redo", ops: [], reply: say.redo };
  if (GREETING.test(text)) return clarify(words.greeting);
  if (THANKS.test(text)) return clarify(words.thanks);
  if (CALL_OFF.test(text)) return clarify(words.leaveAsIs);
  // "how do I export": say how, and offer it; an export spends credits.
  const asked = howToCommand(text);
  if (asked) {
    const answer = planWithRules(asked, ctx);
    // "how do i add my footage" is about uploading (below), not the timeline's add-clips.
    if (answer.ops.some((o) => o.op !== "add_clips") && answer.intent !== "clarify")
      return clarify(words.howTo(asked, answer.reply), [asked]);
  }

  if (/^how (?:do|can) i (?:upload|add)\b/.test(text))
    return { intent: "upload", ops: [], reply: words.upload };
  const anchored = detectAnchoredCuts(
    request,
    (ctx.media ?? []).map((m) => m.name),
  );
  if (anchored) {
    const more = anchored.rest ? planWithRules(anchored.rest, ctx) : null;
    const ops = [
      ...anchored.ops,
      ...(more && (more.intent === "edit" || more.intent === "export") ? more.ops : []),
    ];
    return { intent: "edit", ops, reply: describeOpsIn(ops, lang) };
  }
  const revision = revisePlan(text, entities, ctx);
  if (revision) return revision;
  const same = sameForClips(text, entities, ctx);
  if (same) return same;

  const detections = detectClauses(text, entities, ctx);
  const ops = combineSpans(
    exportInShape(dedupe(detections.flatMap((d) => ("ops" in d ? d.ops : [])))),
    ctx.durationSec,
  );
  const unsupported = detections.flatMap((d) => ("unsupported" in d ? [d.unsupported] : []));
  const questions = detections.flatMap((d) => ("clarify" in d ? [d] : []));
  // "put it back how it was": the undo idiom, not the timeline's "put the clips back".
  const whole = ops.every((o) => o.op === "add_clips") ? readWholeIntent(text) : null;
  if (whole && !unsupported.length) return { intent: whole, ops: [], reply: say[whole] };

  if (unsupported.length) {
    const what = unsupported[0];
    const doable = ops.length
      ? words.doable(
          describeOpsIn(ops, lang)
            .replace(/^I'll |^我将/, "")
            .replace(/[.。]$/, ""),
        )
      : "";
    return clarify(
      `${words.cannot(cannotKind(what), what)}${doable}${lang === "zh" ? "" : " "}${words.capabilities}`,
    );
  }
  if (questions.length) return clarify(questions[0].clarify, questions[0].choices);
  // "don't cut the intro" alone: nothing to do, and nothing done against it.
  if (ops.length === 0 && splitClauses(text).some(cancelsEdit)) return clarify(words.cancelEdit);
  if (ops.length === 0 && splitClauses(text).some(forbidsEdit)) return clarify(words.leaveAsIs);
  if (ops.length === 0) {
    if (CREDITS.test(text)) return { intent: "credits", ops: [], reply: words.credits };
    if (STATE.test(text)) return { intent: "state", ops: [], reply: say.state };
    if (UPLOAD.test(text)) return { intent: "upload", ops: [], reply: words.upload };
    if (VAGUE_LENGTH.test(text)) return clarify(words.howLong);
    if (VAGUE_CROP.test(text)) return clarify(words.cropShape);
    if (VAGUE.test(text)) {
      return clarify(words.whatFirst);
    }
    return clarify(words.notSure);
  }
  if (CREDITS.test(text) && ops.every((o) => o.op === "export")) {
    // "how many credits does an export cost": answer the balance, do not spend.
    return { intent: "credits", ops: [], reply: words.creditsCost };
  }
  const exportOnly =
    ops.every((o) => o.op === "export" || o.op === "aspect") && ops.some((o) => o.op === "export");
  const effect = spanEffect(ops, ctx.durationSec, lang);
  const reply = [describeOpsIn(ops, lang), effect].filter(Boolean).join(lang === "zh" ? "" : " ");
  // "undo that and remove the music instead": take the last turn back, then do this.
  const revise = asksUndoFirst(text) && ctx.lastPlan?.intent === "edit" ? { revise: true } : {};
  return { intent: exportOnly ? "export" : "edit", ops, reply, ...revise };
}

const CREATURES =
  /^(?:dragons?|unicorns?|explosions?|monsters?|aliens?|spaceships?|fireworks|lasers?|dinosaurs?|logo|watermark|avatar|恐龙|龙|爆炸)$/;

/** Which "cannot" sentence fits what was asked. */
function cannotKind(what: string): "creature" | "outro" | "transitions" | "other" {
  if (CREATURES.test(what)) return "creature";
  if (/^(?:outro|ending|end|end card|片尾|结尾)$/.test(what)) return "outro";
  if (/^(?:transitions?|crossfades?|cross-fades?|转场)$/.test(what)) return "transitions";
  return "other";
}

function clarify(reply: string, choices?: string[]): RulePlanResult {
  return choices?.length
    ? { intent: "clarify", ops: [], reply, choices }
    : { intent: "clarify", ops: [], reply };
}

function splitClauses(text: string): string[] {
  const verbAnd = new RegExp(
    `\\s(?:and|&)\\s+(?=(?:then\\s+)?(?:please\\s+)?(?:just\\s+|also\\s+)?(?:${VERBS}|don'?t|do not|dont|never|leave)\\b)|(?<=[\\u4e00-\\u9fff])和(?=(?:加|添加|导出|去掉|删除|静音|旋转))`,
    "g",
  );
  return linkClauses(
    text
      .replace(verbAnd, " ; ")
      .split(SPLIT)
      .map((s) => s.trim())
      .filter((s) => s && !/^(?:and|please|thanks|thank you|ok|pls|plz|lol|谢谢|请)$/.test(s)),
  );
}

function detectClauses(
  text: string,
  entities: ReturnType<typeof extractEntities>["entities"],
  ctx: PlannerContext,
): Detection[] {
  const out: Detection[] = [];
  // "for each clip, trim the intro": a clause that only names clips sets the target of the rest.
  let carried = "";
  for (const part of splitClauses(text)) {
    const named = /⟦c\d+⟧/.exec(part);
    if (
      named &&
      part.replace(/⟦c\d+⟧|\b(?:for|to|on|with|in|of|the|each|every|all)\b|对|给/g, "").trim() ===
        ""
    ) {
      carried = named[0];
      continue;
    }
    const sofar = out.flatMap((d) => ("ops" in d ? d.ops : []));
    const local = sofar.length
      ? {
          ...ctx,
          lastPlan: { intent: "edit" as const, ops: sofar, reply: "" },
          hasCaptions: ctx.hasCaptions || sofar.some((o) => o.op === "captions"),
          hasTitles: ctx.hasTitles || sofar.some((o) => o.op === "text"),
        }
      : ctx;
    const c = new Clause(
      carried && !/⟦c\d+⟧/.test(part) ? `${part} ${carried}` : part,
      entities,
      local,
    );
    if (forbidsEdit(part)) continue;
    const unsupported = UNSUPPORTED.exec(part);
    // "zoom in to fill" while reshaping is a crop, which we do.
    // "the ending after 2:50" names a time: that is a cut, not the outro we cannot find.
    const timedEnding =
      unsupported &&
      /^(?:outro|ending|end|end card|片尾|结尾)$/.test(unsupported[0]) &&
      /⟦t/.test(part);
    if (
      unsupported &&
      !timedEnding &&
      !(
        /^zoom/.test(unsupported[0]) &&
        /⟦r|vertical|square|portrait|landscape|\bfill\b|\bcrop/.test(part)
      )
    ) {
      out.push({ at: 0, unsupported: unsupported[0] });
      continue;
    }
    const found = runRules(c);
    found.sort((a, b) => a.at - b.at);
    out.push(...found);
  }
  return out;
}
