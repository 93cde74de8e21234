import type { Op } from "@/lib/plan/schema";
import { Clause, KEEP_VERB, REMOVE_VERB, withTarget, type Detection } from "./clause";
import { readPolarity, REMOVE_CUE } from "./read-polarity";
import { guardSpanEdit } from "./span-guard";
import { requestLanguage, SENTENCES } from "./sentences";

const sentencesFor = (c: Clause) => SENTENCES[requestLanguage(c.entities.raw ?? "")];

// Rules for cutting and timing: trim the intro, trim/cut/split by time, remove pauses
// and filler words, speed, clip order, putting clips on the timeline.

const round = (n: number) => Math.round(n * 1000) / 1000;

export function detectIntro(c: Clause): Detection | null {
  const spec = c.time();
  if (spec && (spec.kind === "first" || spec.kind === "range" || spec.kind === "length"))
    return null;
  const m =
    c.take(
      new RegExp(
        `${REMOVE_VERB}\\s+(?:off\\s+)?(?:the\\s+|that\\s+|my\\s+|this\\s+)?(?:boring\\s+|long\\s+|slow\\s+|dead\\s+|empty\\s+|silent\\s+)?(?:intro|opening|beginning|start)(?!\\s*(?:title|text|card|music))`,
      ),
    ) ??
    c.take(
      /(?:remove|cut|trim|skip|drop|delete)\s+(?:the\s+)?(?:silence|dead air|black(?: frames)?|nothing|waiting)\s+(?:at|in)\s+the\s+(?:start|beginning)/,
    ) ??
    c.take(
      /start\s+(?:it\s+)?(?:where|when)\s+(?:i|the speech|speaking|talking|the talking|the action|it)\s*(?:start|begin)?/,
    ) ??
    c.take(/skip\s+to\s+(?:the\s+)?(?:content|action|good part|speech)/) ??
    c.take(/(?:trim|cut)\s+(?:the\s+)?intro/) ??
    c.take(
      /(?:剪掉|去掉|删掉|删除|去除|裁掉|切掉)(?:视频)?(?:的)?(?:开头|片头|前面的?(?:空白|静音|黑屏)?)/,
    ) ??
    c.take(/从(?:开始)?说话(?:的地方)?开始/);
  return m ? { at: m.index, ops: [withTarget({ op: "trim", start: "intro" }, c.target())] } : null;
}

/** Silent stretches in Chinese: 停顿, 静音的地方, 没声音的部分, 空白, 冷场. */
const SILENT_ZH =
  "(?:(?:没用的|多余的|长的|尴尬的|太长的)?停顿|(?:静音|没有?声音|没人说话|安静|空白)的?(?:地方|部分|片段|段落?)|静音段|空白|沉默|冷场)";

export function detectSilence(c: Clause): Detection | null {
  const m =
    c.take(
      new RegExp(
        `(?:${REMOVE_VERB}|tighten(?: up)?|shorten)\\s*(?:all\\s+)?(?:the\\s+|any\\s+|those\\s+)?(?:long\\s+|awkward\\s+)?(?:pauses?|silences?|silent (?:parts|bits|gaps|sections)|dead (?:air|space)|empty space|gaps|quiet (?:parts|bits)|${SILENT_ZH})`,
      ),
    ) ??
    c.take(/jump ?cuts?/) ??
    c.take(new RegExp(`(?:去掉|删掉|删除|去除|剪掉)(?:所有)?(?:的)?${SILENT_ZH}`));
  if (!m) return null;
  const spec = c.time();
  const min = spec && (spec.kind === "value" || spec.kind === "length") ? spec.n : undefined;
  const longer = /(?:longer than|over|more than|above|超过|大于)\s*⟦t(\d+)⟧/.exec(c.original);
  const minSec = longer ? c.entities.times[Number(longer[1])].seconds : min;
  return {
    at: m.index,
    ops: [minSec !== undefined ? { op: "remove_silence", min: minSec } : { op: "remove_silence" }],
  };
}

export function detectFillers(c: Clause): Detection | null {
  const m = c.take(
    /(?:filler(?:s| words?)?|\bums?\b(?: and (?:uhs?|ahs?|ers?))?|\buhs?\b|\bumms?\b|\berms?\b|you knows?|语气词|口头禅|口水词|口癖|嗯啊|嗯|呃)/,
  );
  if (!m) return null;
  if (
    !c.has(new RegExp(`${REMOVE_VERB}|clean|tidy|without`)) &&
    !/remove|cut|去|删/.test(c.original)
  )
    return null;
  c.take(new RegExp(REMOVE_VERB));
  return { at: m.index, ops: [{ op: "remove_fillers" }] };
}

/** "delete the second clip": the clip's span on the timeline, cut out (later spans first). */
export function detectRemoveClip(c: Clause): Detection | null {
  const m =
    c.take(new RegExp(`${REMOVE_VERB}\\s+(?:the\\s+|all of\\s+)?⟦c\\d+⟧(?!\\s*(?:'s|of))`)) ??
    c.take(/把\s*⟦c\d+⟧\s*(?:都)?(?:删掉|删除|去掉)|(?:删掉|删除|去掉)\s*⟦c\d+⟧/);
  if (!m || c.time()) return null;
  const clips = c.ctx.clips;
  if (clips.length === 0)
    return { at: m.index, clarify: "Which clip? I don't see any clips on the timeline yet." };
  if (clips.length === 1)
    return {
      at: m.index,
      clarify:
        'That is the only clip on the timeline. To start over, say "undo" or remove parts of it by time.',
    };
  let t = 0;
  const spans = clips.map((k) => {
    const from = k.startSec ?? t;
    t = from + k.durationSec;
    return { ...k, from, to: from + k.durationSec };
  });
  const ref = c.target();
  const picked = spans.filter((s) =>
    ref === undefined || ref === "all"
      ? false
      : "index" in ref
        ? s.index === ref.index
        : s.mediaId === ref.mediaId,
  );
  if (picked.length === 0)
    return { at: m.index, clarify: `The timeline has ${clips.length} clips. Which one should go?` };
  if (picked.length === clips.length)
    return {
      at: m.index,
      clarify:
        'That would remove everything. Say "undo" to go back instead, or tell me which part to keep.',
    };
  const r3 = (n: number) => Math.round(n * 1000) / 1000;
  return {
    at: m.index,
    ops: picked
      .sort((a, b) => b.from - a.from)
      .map((s) => ({ op: "cut", from: r3(s.from), to: r3(s.to) }) as Op),
  };
}

export function detectSplit(c: Clause): Detection | null {
  const m = c.take(/\b(?:split|divide|break up|slice)\b|分割|拆分|切开|切分/);
  if (!m) return null;
  const spec = c.time();
  if (spec && (spec.kind === "point" || spec.kind === "value")) {
    return { at: m.index, ops: [{ op: "split", at: spec.kind === "point" ? spec.at : spec.n }] };
  }
  if (
    c.has(/\b(?:middle|halfway|half|in two|in half)\b|中间|一半/) &&
    c.ctx.durationSec !== undefined
  ) {
    return { at: m.index, ops: [{ op: "split", at: round(c.ctx.durationSec / 2) }] };
  }
  return { at: m.index, clarify: sentencesFor(c).splitWhere };
}

/** Trims and cuts given by time: "cut the first 5 seconds", "0:05 to 0:12", "keep the last 3 s". */
export function detectTimedCut(c: Clause): Detection | null {
  const spec = c.time();
  // "start the video at 0:10", "end it at 1:30"
  const startAt =
    /\b(?:start|begin)s?\s+(?:the video\s+|it\s+|this\s+)?(?:at|from)\s*⟦t(\d+)⟧/.exec(
      c.original,
    ) ?? /从\s*⟦t(\d+)⟧\s*(?:处)?开始/.exec(c.original);
  const endAt =
    /\b(?:end|stop|finish)s?\s+(?:the video\s+|it\s+|this\s+)?(?:at)\s*⟦t(\d+)⟧/.exec(c.original) ??
    /(?:在)?\s*⟦t(\d+)⟧\s*(?:处)?结束/.exec(c.original);
  if (startAt || endAt) {
    const op: Extract<Op, { op: "trim" }> = { op: "trim" };
    if (startAt) op.start = c.entities.times[Number(startAt[1])].seconds;
    if (endAt) op.end = c.entities.times[Number(endAt[1])].seconds;
    c.take(/\b(?:start|begin|end|stop|finish)s?\b|开始|结束/);
    return { at: (startAt ?? endAt)!.index, ops: [withTarget(op, c.target())] };
  }
  if (spec?.kind === "point" && c.has(/\bcut\b|切一刀|剪一刀/) && !c.has(new RegExp(KEEP_VERB))) {
    // "cut at 0:30" is a split, not a removal.
    c.take(/\bcut\b|切一刀|剪一刀/);
    return { at: c.find(/⟦t/), ops: [{ op: "split", at: spec.at }] };
  }
  if (!spec || spec.kind === "value" || spec.kind === "point") return null;
  const polarity = readPolarity(c.text);
  const keep = polarity.kind === "keep" ? polarity.at : -1;
  const remove = polarity.kind === "remove" ? polarity.at : -1;
  const shorten = c.find(/\b(?:make (?:it|the video|this)|shorten|trim)\b|改成|剪成|缩短/);
  const at = Math.max(
    0,
    [keep, remove, shorten].filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? c.find(/⟦t/),
  );
  const isKeep = keep >= 0 && (remove < 0 || keep <= remove);
  const isTrimVerb = c.has(/\btrim\b/) && !c.has(/trim (?:off|away)/);
  const dur = c.ctx.durationSec;
  const target = c.target();
  const needDuration: Detection = {
    at,
    clarify: sentencesFor(c).needDuration,
  };
  let op: Op | null = null;
  const last = /(?:last|final|ending|最后|结尾)\s*(?:的)?\s*⟦t(\d+)⟧/.exec(c.original);
  if (spec.kind === "first" && last && remove >= 0 && !isKeep) {
    // "get rid of the first 10 seconds and the last 5 seconds": one trim, both ends.
    if (dur === undefined) return needDuration;
    const end = round(dur - c.entities.times[Number(last[1])].seconds);
    if (end <= spec.n)
      return { at, clarify: `That would leave nothing of the ${dur} s video. How much should go?` };
    c.take(new RegExp(REMOVE_VERB));
    return { at, ops: [withTarget({ op: "trim", start: spec.n, end }, target)] };
  }
  if (spec.kind === "range" && remove >= 0 && !isKeep) {
    // Several ranges to cut: last first, so the earlier times still mean what was said.
    const ranges = [
      ...c.original.matchAll(/⟦t(\d+)⟧\s*(?:to|-|–|~|and|until|till|through|到|至)\s*⟦t(\d+)⟧/g),
    ].map((m) => [c.entities.times[Number(m[1])].seconds, c.entities.times[Number(m[2])].seconds]);
    if (ranges.length > 1 && ranges.every(([a, b]) => b > a && a > 0)) {
      c.take(new RegExp(REMOVE_VERB));
      return {
        at,
        ops: ranges
          .sort((x, y) => y[0] - x[0])
          .map(([from, to]) => withTarget({ op: "cut", from, to } as Op, target)),
      };
    }
  }
  if (spec.kind === "first") {
    op = isKeep
      ? { op: "trim", end: spec.n }
      : remove >= 0
        ? { op: "trim", start: spec.n }
        : { op: "trim", end: spec.n };
  } else if (spec.kind === "last") {
    if (dur === undefined) return needDuration;
    if (spec.n >= dur) return { at, clarify: sentencesFor(c).endTooLong(dur, spec.n) };
    op = isKeep
      ? { op: "trim", start: round(dur - spec.n) }
      : remove >= 0
        ? { op: "trim", end: round(dur - spec.n) }
        : { op: "trim", start: round(dur - spec.n) };
  } else if (spec.kind === "length") {
    if (remove >= 0 && !isKeep && shorten < 0) op = { op: "trim", start: spec.n };
    else op = { op: "trim", end: spec.n };
  } else if (spec.kind === "range") {
    const to = spec.to === "end" ? undefined : spec.to;
    if (to !== undefined && to <= spec.from)
      return { at, clarify: sentencesFor(c).backwards(spec.from, to) };
    if (
      remove >= 0 &&
      !isKeep &&
      !(isTrimVerb && remove === c.find(/\btrim\b/) && to !== undefined)
    ) {
      if (to === undefined) op = { op: "trim", end: spec.from };
      else if (spec.from === 0) op = { op: "trim", start: to };
      else op = { op: "cut", from: spec.from, to };
    } else {
      op =
        to === undefined
          ? { op: "trim", start: spec.from }
          : spec.from === 0
            ? { op: "trim", end: to }
            : { op: "trim", start: spec.from, end: to };
    }
  }
  if (!op) return null;
  if (dur !== undefined) {
    const beyond =
      (op.op === "trim" &&
        ((typeof op.start === "number" && op.start >= dur) ||
          (op.end !== undefined && op.end > dur + 0.05))) ||
      (op.op === "cut" && op.from >= dur);
    if (beyond) return { at, clarify: sentencesFor(c).pastEnd(dur) };
    // Never the opposite: an uncertain reading, or one that removes most of the video, is asked.
    const verbless =
      shorten < 0 &&
      !c.has(/\b(?:start|starts|begin|begins|end|ends|finish|stop|only|just|be)\b|开始|结束/);
    const guard = guardSpanEdit(op, spec, polarity, dur, c.entities.raw ?? "", verbless);
    if (guard) return { at, ...guard };
  }
  c.take(
    new RegExp(
      `${KEEP_VERB}|${REMOVE_VERB}|\\b(?:make (?:it|the video|this)|shorten|only|just)\\b`,
    ),
  );
  c.take(REMOVE_CUE);
  return { at, ops: [withTarget(op, target)] };
}

export function detectSpeed(c: Clause): Detection | null {
  const slow =
    /slow(?:er| down| it down|-?mo(?:tion)?)|减速|慢放|慢动作|放慢|慢速|慢一点|慢点|变慢/;
  const fast = /speed (?:it )?up|faster|quicker|加速|快进|加快|倍速|快一点|快点|变快/;
  const word = c.find(/\bspeed\b|\bpace\b|\bplayback\b|slow|fast|quick|速|慢|快/);
  const f = c.factor();
  const p = c.percent();
  let factor: number | null = null;
  if (
    f !== undefined &&
    (word >= 0 || /^\s*⟦x\d+⟧\s*$/.test(c.original) || c.has(/\bplay\b|\bat\b/))
  ) {
    factor = slow.test(c.original) && f > 1 ? 1 / f : f;
  } else if (p !== undefined && word >= 0) {
    if (/\bby\b/.test(c.original) || /(?:快|慢)了?/.test(c.original))
      factor = slow.test(c.original) ? 1 - p : 1 + p;
    else factor = p;
  } else if (c.has(/twice as fast|double(?: the)? speed|double-speed/)) factor = 2;
  else if (
    c.has(
      /half(?: the)? speed|half as fast|half-speed|slow[ -]?mo(?:tion)?\b|slow motion|慢动作|慢放/,
    )
  )
    factor = 0.5;
  else if (c.has(/normal speed|original speed|real ?time|原速|正常速度/)) factor = 1;
  else if (c.has(fast)) factor = 1.5;
  else if (c.has(slow)) factor = 0.75;
  if (factor === null) return null;
  const at = Math.max(0, word);
  factor = Math.round(factor * 1000) / 1000;
  if (factor < 0.25 || factor > 4)
    return {
      at,
      clarify: c.asks.speedRange(factor),
    };
  const spec = c.time();
  if (spec && spec.kind === "range") {
    return {
      at,
      clarify: c.asks.speedWholeClips,
    };
  }
  c.take(
    /\bspeed(?: it)?(?: up)?\b|slow(?:er| down| it down|-?mo(?:tion)?)?|faster|twice as fast|double(?: the)? speed|half(?: the)? speed|加速|减速|慢放|慢动作|倍速|快进/,
  );
  return { at, ops: [withTarget({ op: "speed", factor }, c.target())] };
}

export function detectReorder(c: Clause): Detection | null {
  const n = c.ctx.clips.length;
  const refs = c.clipRefs().filter((r) => "index" in r || "last" in r) as (
    { index: number } | { last: true }
  )[];
  const idx = (r: { index: number } | { last: true }) => ("index" in r ? r.index : n - 1);
  let m: RegExpExecArray | null;
  let order: number[] | null = null;
  const base = Array.from({ length: n }, (_, i) => i);
  if ((m = c.take(/\b(?:reverse|flip) the order\b|倒序|顺序反过来/))) order = base.reverse();
  else if ((m = c.take(/\bswap\b|\bswitch\b|交换|调换|对调/))) {
    const [a, b] =
      refs.length >= 2
        ? [idx(refs[0]), idx(refs[1])]
        : c.has(/first (?:two|⟦t\d+⟧)|前两|前⟦t/)
          ? [0, 1]
          : [-1, -1];
    if (a < 0)
      return {
        at: m.index,
        clarify: 'Which two clips should I swap? For example: "swap clip 1 and clip 2".',
      };
    order = base;
    if (a < n && b < n) [order[a], order[b]] = [order[b], order[a]];
  } else if (
    refs.length >= 1 &&
    c.has(/\b(?:first|start|beginning|front|end|last)\b|最前|开头|最后|末尾/) &&
    (m = c.take(/\b(?:move|put|place)\b|移到|放到|挪到/))
  ) {
    const from = idx(refs[0]);
    const toEnd = c.has(/\b(?:end|last)\b|最后|末尾/) && !c.has(/\bfirst\b|最前|开头/);
    order = base.filter((i) => i !== from);
    if (toEnd) order.push(from);
    else order.unshift(from);
  } else return null;
  if (n < 2)
    return {
      at: m.index,
      clarify:
        "There is only one clip on the timeline, so there is nothing to reorder. Add more clips first.",
    };
  if (order.some((i) => i >= n) || new Set(order).size !== n)
    return { at: m.index, clarify: `The timeline has ${n} clips. Which ones did you mean?` };
  return { at: m.index, ops: [{ op: "reorder", order }] };
}

export function detectAddClips(c: Clause): Detection | null {
  const m =
    c.take(
      /\b(?:combine|merge|join|stitch|concatenate|put together)\b(?:\s+(?:them|these|all|everything|my clips|the clips))?/,
    ) ??
    c.take(
      /\b(?:add|put|place|insert|append|use|drop(?=.*(?:timeline|together|in order)))\b\s+(?:(?:all|both|every|everything)\b(?!\s+(?:before|after|past|but|except|until|from|else)\b)|(?:the|my|these|this)\s+(?:clips?|videos?|files?|footage|uploads?|media)|them|it|⟦c\d+⟧)(?=.*(?:timeline|together|in order|$))/,
    ) ??
    c.take(/拼接|合并|把(?:所有)?(?:素材|视频|片段)(?:都)?(?:加到|放到|放进)/);
  if (!m) return null;
  const ids = c
    .clipRefs()
    .flatMap((r) => ("mediaId" in r ? [r.mediaId] : []))
    .filter((id) => !c.ctx.media || c.ctx.media.some((x) => x.id === id && x.kind !== "audio"));
  return {
    at: m.index,
    ops: [ids.length ? { op: "add_clips", mediaIds: ids } : { op: "add_clips" }],
  };
}
