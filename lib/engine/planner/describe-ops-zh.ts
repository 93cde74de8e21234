import type { Op, Target } from "@/lib/plan/schema";
import { describeOps } from "./describe-ops";
import type { Lang } from "./sentences";

// The plan's sentence in Simplified Chinese, for requests written in Chinese:
// "我将剪掉开头、添加字幕并导出为抖音格式（1080x1920）。"

const PRESET: Record<string, string> = {
  youtube: "YouTube（1920x1080）",
  shorts: "YouTube Shorts（1080x1920）",
  tiktok: "抖音/TikTok（1080x1920）",
  reels: "Instagram Reels（1080x1920）",
  instagram: "Instagram（1080x1080）",
  square: "方形 1080x1080",
  portrait: "4:5 竖版（1080x1350）",
  "720p": "720p MP4（1280x720）",
  "1080p": "1080p MP4（1920x1080）",
  twitter: "X/Twitter（1920x1080）",
  linkedin: "LinkedIn（1920x1080）",
};
const POSITION: Record<string, string> = {
  top: "顶部",
  center: "中间",
  bottom: "底部",
  "top-left": "左上角",
  "top-right": "右上角",
  "bottom-left": "左下角",
  "bottom-right": "右下角",
};
const COLOR: Record<string, string> = {
  warm: "暖色",
  cool: "冷色",
  vivid: "鲜艳",
  bw: "黑白",
  vintage: "复古",
  bright: "明亮",
  contrast: "高对比",
  none: "原色",
};
const STYLE: Record<string, string> = { classic: "经典", bold: "粗体", highlight: "逐字高亮" };

function t(sec: number): string {
  if (sec < 60) return `${Math.round(sec * 10) / 10} 秒`;
  const m = Math.floor(sec / 60);
  const s = Math.round((sec - m * 60) * 10) / 10;
  return `${m}:${s < 10 ? "0" : ""}${s}`;
}
function on(target: Target): string {
  if (target === undefined) return "";
  if (target === "all") return "（每个片段）";
  if ("index" in target) return `（第 ${target.index + 1} 个片段）`;
  return `（${target.mediaId}）`;
}
const pct = (n: number) => `${Math.round(n * 100)}%`;

export function describeOpZh(op: Op): string {
  switch (op.op) {
    case "trim":
      if (op.start === "intro") return `剪掉开头${on(op.target)}（我会找到内容开始的地方）`;
      if (op.start !== undefined && op.end !== undefined)
        return `只保留 ${t(op.start)} 到 ${t(op.end)}${on(op.target)}`;
      if (op.start !== undefined) return `剪掉前 ${t(op.start)}${on(op.target)}`;
      if (op.end !== undefined) return `保留前 ${t(op.end)}${on(op.target)}`;
      return "修剪视频";
    case "cut":
      return `删除 ${t(op.from)} 到 ${t(op.to)}${on(op.target)}`;
    case "split":
      return `在 ${t(op.at)} 处分割片段`;
    case "speed":
      return `以 ${op.factor} 倍速播放${on(op.target)}`;
    case "volume": {
      const what = op.track === "music" ? "音乐" : op.track === "all" ? "所有声音" : "原声";
      return op.level === 0
        ? `把${what}静音${on(op.target)}`
        : `把${what}调到 ${pct(op.level)}${on(op.target)}`;
    }
    case "fade": {
      const parts = [
        op.in !== undefined ? `${t(op.in)}淡入` : "",
        op.out !== undefined ? `${t(op.out)}淡出` : "",
      ].filter(Boolean);
      return `添加${parts.join("和") || "淡入淡出"}${on(op.target)}`;
    }
    case "text":
      return `添加标题“${op.text}”${op.position ? `（${POSITION[op.position]}）` : ""}${op.start !== undefined ? `，从 ${t(op.start)} 开始` : ""}${op.end !== undefined ? `，到 ${t(op.end)}` : ""}`;
    case "text_style":
      return (
        [
          op.text ? `把标题改为“${op.text}”` : "",
          op.position ? `把标题移到${POSITION[op.position]}` : "",
          op.scale ? `把标题${op.scale > 1 ? "放大" : "缩小"}到 ${op.scale} 倍` : "",
          op.color ? `把标题改成 ${op.color} 颜色` : "",
        ]
          .filter(Boolean)
          .join("，") || "调整标题样式"
      );
    case "captions":
      return `根据语音添加字幕${op.style ? `（${STYLE[op.style]}样式）` : ""}${op.language ? `（语言：${op.language}）` : ""}`;
    case "caption_style":
      return (
        [
          op.scale ? `把字幕${op.scale > 1 ? "放大" : "缩小"}` : "",
          op.position ? `把字幕移到${POSITION[op.position]}` : "",
          op.style ? `把字幕换成${STYLE[op.style]}样式` : "",
        ]
          .filter(Boolean)
          .join("，") || "调整字幕样式"
      );
    case "remove_captions":
      return "删除字幕";
    case "remove_text":
      return "删除标题";
    case "music":
      return `添加背景音乐${op.level !== undefined ? `（音量 ${pct(op.level)}）` : ""}${op.duck === false ? "" : "，说话时自动压低"}`;
    case "remove_music":
      return "删除背景音乐";
    case "normalize":
      return `统一响度（${op.lufs ?? -14} LUFS）`;
    case "aspect":
      return `改成 ${op.ratio} 画幅${op.fit ? `（${op.fit === "blur" ? "模糊填充" : op.fit === "pad" ? "加黑边" : "裁切"}）` : ""}`;
    case "rotate":
      return `旋转 ${op.degrees}°${on(op.target)}`;
    case "flip":
      return `${op.axis === "horizontal" ? "水平" : "垂直"}翻转${on(op.target)}`;
    case "color":
      return op.preset === "none"
        ? `去掉调色${on(op.target)}`
        : `应用${COLOR[op.preset]}滤镜${on(op.target)}`;
    case "remove_silence":
      return `删除停顿${op.min !== undefined ? `（超过 ${t(op.min)} 的）` : ""}`;
    case "remove_fillers":
      return "删除语气词（嗯、啊……）";
    case "reorder":
      return `把片段顺序改为 ${op.order.map((i) => i + 1).join("、")}`;
    case "add_clips":
      return op.mediaIds?.length ? "把这些文件放到时间线上" : "把你的片段放到时间线上";
    case "clip_bounds":
      return `修剪第 ${op.index + 1} 个片段${op.in !== undefined ? `，从素材的 ${t(op.in)} 开始` : ""}${op.out !== undefined ? `，到素材的 ${t(op.out)} 结束` : ""}`;
    case "delete_clips":
      return `删除第 ${op.indexes.map((i) => i + 1).join("、")} 个片段`;
    case "audiogram":
      return "color" in op.background
        ? `把音频波形视频的背景改为纯色 ${op.background.color}`
        : "更换音频波形视频的背景图片";
    case "edit_text":
      return op.text !== undefined ? `把文字改为“${op.text}”` : "移动文字";
    case "export":
      return `导出为 ${PRESET[op.preset] ?? op.preset}`;
    case "cut_words":
      return op.spans.length === 1 ? "剪掉选中的词" : `剪掉 ${op.spans.length} 段话`;
    case "shorten_pause":
      return op.keep ? `把停顿缩短到 ${t(op.keep)}` : "去掉这个停顿";
    case "restore_words":
      return "恢复剪掉的词";
    case "correct_words":
      return `把这些词改为“${op.text}”`;
    case "cut_text":
      return op.match === "every"
        ? `删掉所有的“${op.phrase}”`
        : op.match === "range"
          ? `从“${op.phrase}”剪到“${op.until ?? ""}”`
          : `删掉以“${op.phrase}”开头的那句话`;
  }
}

export function describeOpsIn(ops: Op[], lang: Lang): string {
  if (lang === "en") return describeOps(ops);
  const parts = ops.map(describeOpZh);
  return `我将${parts.length <= 1 ? parts[0] : `${parts.slice(0, -1).join("、")}，并${parts[parts.length - 1]}`}。`;
}
