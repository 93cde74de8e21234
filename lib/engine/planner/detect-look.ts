import type { Aspect, ColorPreset, Fit } from "@/lib/draft/schema";
import type { ExportPreset, Op } from "@/lib/plan/schema";
import { Clause, withTarget, type Detection } from "./clause";

// Rules for the picture (frame shape, rotation, mirror, colour look) and for exports,
// where a platform name implies both a preset and a frame shape.

function fitIn(c: Clause): Fit | undefined {
  if (c.has(/\bblur(?:red|ry)?\b|模糊/)) return "blur";
  if (c.has(/\b(?:crop|fill|zoom(?: in)?)\b|裁剪|填满|铺满/)) return "crop";
  if (
    c.has(
      /\b(?:pad|padding|bars|letterbox(?:ed)?|pillarbox(?:ed)?|fit inside|black borders?)\b|黑边|留边/,
    )
  )
    return "pad";
  return undefined;
}

export function detectAspect(c: Clause): Detection | null {
  const r = c.ratio();
  let ratio: Aspect | undefined;
  let at = -1;
  if (r && ["16:9", "9:16", "1:1", "4:5"].includes(r)) {
    ratio = r as Aspect;
    at = c.find(/⟦r/);
  } else if (r) {
    return {
      at: c.find(/⟦r/),
      clarify: c.asks.aspectChoice(r),
    };
  } else if (
    (at = c.find(
      /\bvertical\b|\bportrait (?:mode|format|video|orientation)\b|\bmake it portrait\b|\bupright\b|竖屏|竖版|竖的/,
    )) >= 0
  )
    ratio = "9:16";
  else if ((at = c.find(/\bsquare\b|方形|正方形/)) >= 0 && !c.has(/\bexport|download|render\b/))
    ratio = "1:1";
  else if (
    (at = c.find(/\bhorizontal\b|\blandscape\b|\bwidescreen\b|\bwide screen\b|横屏|横版|横的/)) >= 0
  )
    ratio = "16:9";
  if (!ratio) {
    const fit = fitIn(c);
    if (
      fit &&
      c.has(/\b(?:background|sides|edges|bars|frame|fill)\b|背景|两边/) &&
      !c.has(/\bmusic\b/)
    ) {
      return {
        at: Math.max(0, c.find(/blur|crop|pad|bars|fill|模糊|裁剪|黑边/)),
        ops: [{ op: "aspect", ratio: c.ctx.aspect, fit }],
      };
    }
    return null;
  }
  const fit = fitIn(c);
  c.take(
    /⟦r\d+⟧|\bvertical\b|\bportrait\b|\bsquare\b|\bhorizontal\b|\blandscape\b|\bwide ?screen\b|竖屏|竖版|方形|正方形|横屏|横版/,
  );
  return { at, ops: [fit ? { op: "aspect", ratio, fit } : { op: "aspect", ratio }] };
}

export function detectRotate(c: Clause): Detection | null {
  const m = c.take(
    /\brotate\b|\bturn (?:it |the video )?(?:sideways|upside down|around|(?:90|180|270)|(?:counter|anti)?-?clockwise|left|right)\b|\bupside[ -]down\b|旋转|转90|转180|倒过来/,
  );
  if (!m) return null;
  if (/flip/.test(c.original) && /upside/.test(m[0])) return null;
  let deg = c.degrees();
  if (deg === undefined) {
    const bare = /(?:rotate|turn|旋转)(?:[^⟦\d]|⟦c\d+⟧){0,24}⟦t(\d+)⟧/.exec(c.original);
    if (bare) deg = c.entities.times[Number(bare[1])].raw;
  }
  if (deg === undefined) {
    if (c.has(/upside[ -]down|180|倒过来/) || /upside|180/.test(m[0])) deg = 180;
    else if (
      c.has(/\b(?:left|counter-?clockwise|anti-?clockwise|ccw)\b|向左|逆时针|左转/) ||
      /left|counter|anti/.test(m[0])
    )
      deg = 270;
    else deg = 90;
  } else if (c.has(/\b(?:left|counter-?clockwise|anti-?clockwise|ccw)\b|向左|逆时针/)) deg = -deg;
  const norm = ((deg % 360) + 360) % 360;
  if (norm !== 90 && norm !== 180 && norm !== 270) {
    return {
      at: m.index,
      clarify: c.asks.rotateChoice(deg),
    };
  }
  return {
    at: m.index,
    ops: [withTarget({ op: "rotate", degrees: norm as 90 | 180 | 270 }, c.target())],
  };
}

export function detectFlip(c: Clause): Detection | null {
  const m = c.take(/\bflip(?:ped)?\b|\bmirror(?:ed)?\b|镜像|翻转/);
  if (!m) return null;
  const axis = c.has(/\bvertical(?:ly)?\b|upside[ -]down|top to bottom|垂直|上下/)
    ? "vertical"
    : "horizontal";
  return { at: m.index, ops: [withTarget({ op: "flip", axis }, c.target())] };
}

const LOOKS: [RegExp, ColorPreset][] = [
  [
    /\bblack ?(?:and|&) ?white\b|\bb ?& ?w\b|\bb\/w\b|\bgr[ae]yscale\b|\bmonochrome\b|\bno colou?rs?\b|黑白/,
    "bw",
  ],
  [/\b(?:vintage|retro|old[ -]film|film look|old[ -]school|nostalgic)\b|复古|怀旧|胶片/, "vintage"],
  [/\bwarm(?:er)?\b|暖色|暖一点|暖调|温暖/, "warm"],
  [
    /\bcool(?:er)? (?:tones?|colou?rs?|look)\b|\bcooler\b|\bcold(?:er)?\b|\bblue tint\b|冷色|冷一点|冷调/,
    "cool",
  ],
  [/\bbright(?:er|en)?\b|\blighter\b|\btoo dark\b|提亮|亮一点|更亮|调亮|太暗/, "bright"],
  [/\b(?:more )?contrast(?:y)?\b|对比度/, "contrast"],
  [
    /\bvivid\b|\bsaturat(?:ed|e|ion)\b|\bcolou?rful\b|\bcolou?rs pop\b|\bmore colou?r\b|\bpunchier colou?rs\b|鲜艳|饱和/,
    "vivid",
  ],
  [
    /\b(?:remove|reset|undo|drop|no) (?:the )?(?:colou?r )?(?:filter|look|grade|effect)s?\b|\boriginal colou?rs?\b|\bnatural colou?rs?\b|去掉滤镜|原色|取消滤镜/,
    "none",
  ],
];

export function detectColor(c: Clause): Detection | null {
  for (const [re, preset] of LOOKS) {
    const m = c.take(re);
    if (m) return { at: m.index, ops: [withTarget({ op: "color", preset }, c.target())] };
  }
  return null;
}

const PLATFORMS: [RegExp, ExportPreset][] = [
  [/\b(?:youtube|yt) shorts?\b|\bshorts\b|\bas a short\b|快手|视频号/, "shorts"],
  [/\b(?:instagram |ig )?reels?\b/, "reels"],
  [/\btiktok\b|抖音/, "tiktok"],
  [/\binstagram\b|\bins\b/, "instagram"],
  [/\byoutube\b|\byt\b|油管|bilibili|b站/, "youtube"],
  [/\btwitter\b|\bx\.com\b|(?:for|to|on) x\b|推特/, "twitter"],
  [/\blinkedin\b|领英/, "linkedin"],
  [/\b720p?\b|\bhd ready\b/, "720p"],
  [/\b1080p?\b|\bfull ?hd\b|\bfhd\b|\bhd\b|高清/, "1080p"],
  [/\bsquare\b|方形/, "square"],
  [/\bportrait\b/, "portrait"],
];

export const PRESET_ASPECT: Record<ExportPreset, Aspect> = {
  youtube: "16:9",
  "1080p": "16:9",
  "720p": "16:9",
  twitter: "16:9",
  linkedin: "16:9",
  shorts: "9:16",
  tiktok: "9:16",
  reels: "9:16",
  instagram: "1:1",
  square: "1:1",
  portrait: "4:5",
};

const EXPORT_VERB =
  /\b(?:export|download|render|save|send (?:me )?(?:the |my )?(?:video|file|it|mp4)|send it|publish|output|share|give me (?:the |a )?(?:video|file|mp4|link)|deliver|upload (?:it )?to)\b|导出|下载|发给我|发我|保存|输出|生成视频|渲染/;

export function defaultPreset(aspect: Aspect, last?: string): ExportPreset {
  if (last && (PRESET_ASPECT as Record<string, Aspect>)[last] === aspect)
    return last as ExportPreset;
  return ({ "16:9": "1080p", "9:16": "shorts", "1:1": "square", "4:5": "portrait" } as const)[
    aspect
  ];
}

/** Presets that only name a size: they follow a frame shape set in the same request. */
const GENERIC: ExportPreset[] = ["1080p", "720p", "shorts", "square", "portrait"];

/** "make it vertical and export": the export takes the shape just asked for, not the timeline's. */
export function exportInShape(ops: Op[]): Op[] {
  const shape = ops.filter((o) => o.op === "aspect").at(-1);
  if (!shape || shape.op !== "aspect") return ops;
  return ops.map((o) =>
    o.op === "export" && GENERIC.includes(o.preset) && PRESET_ASPECT[o.preset] !== shape.ratio
      ? { ...o, preset: defaultPreset(shape.ratio) }
      : o,
  );
}

/** Export, with the platform's frame shape first when the timeline has another shape. */
export function detectExport(c: Clause): Detection | null {
  const verb = c.find(EXPORT_VERB);
  const mp4 = c.find(/\b(?:into|as|to) an? (?:\S+ )?(?:mp4|video file)\b|\bmp4\b/);
  const platform = PLATFORMS.find(([re]) => re.test(c.text));
  const platformAt = platform ? c.find(platform[0]) : -1;
  if (
    verb < 0 &&
    mp4 < 0 &&
    !(
      platform &&
      // A platform named on its own ("tiktok pls", "yt shorts") is where it goes.
      ((PRESET_ASPECT[platform[1]] !== c.ctx.aspect &&
        c.original
          .replace(platform[0], " ")
          .replace(/\b(?:pls|plz|please|version|format|style|ok|now|then|and)\b|吧|的/g, " ")
          .trim() === "") ||
        c.has(
          /\b(?:for|ready|version|format|optimi[sz]e|make (?:it|this)|turn (?:it|this) into|post|upload)\b|发到|发布到|适配|做成/,
        ))
    )
  )
    return null;
  const at = Math.max(
    0,
    [verb, mp4, platformAt].filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0,
  );
  const preset = platform?.[1];
  c.take(EXPORT_VERB);
  if (platform) c.take(platform[0]);
  const ops: Op[] = [];
  if (verb < 0 && mp4 < 0) {
    // "make it TikTok-ready": reshape only; exporting costs credits, so it waits to be asked.
    const ratio = PRESET_ASPECT[preset!];
    return { at, ops: [{ op: "aspect", ratio }] };
  }
  const chosen = preset ?? defaultPreset(c.ctx.aspect, c.ctx.preset);
  if (preset && PRESET_ASPECT[preset] !== c.ctx.aspect)
    ops.push({ op: "aspect", ratio: PRESET_ASPECT[preset] });
  ops.push(withTarget({ op: "export", preset: chosen }, c.target()));
  return { at, ops };
}
