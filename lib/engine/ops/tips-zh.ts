import type { Op } from "@/lib/plan/schema";
import { formatTime } from "../planner/describe-ops";

// "How to do this by hand" for requests written in Chinese: the same lessons as the
// English tips of each op, one row per op, in Simplified Chinese.

const t = (sec: number) => formatTime(sec).replace(/ s$/, " 秒");
const db = (level: number) => (level <= 0 ? "静音" : `${(20 * Math.log10(level)).toFixed(1)} dB`);

export function tipZh(op: Op): string {
  switch (op.op) {
    case "trim":
      return op.start === "intro"
        ? "手动操作：把播放头放到内容开始的地方，拖动片段左边缘到那里（波纹修剪，很多剪辑软件是 Q 键）。"
        : `手动操作：把播放头放到 ${t(typeof op.start === "number" ? op.start : 0)}，拖动片段左边缘到那里（波纹修剪，Q 键）${op.end !== undefined ? `；再在 ${t(op.end)} 处对右边缘做同样的操作（W 键）` : ""}。`;
    case "cut":
      return `手动操作：把播放头放到 ${t(op.from)} 按 S（或 Ctrl/Cmd+B）分割，在 ${t(op.to)} 再分割一次，选中中间那段按 Shift+Delete 波纹删除，空隙会自动合上。`;
    case "split":
      return `手动操作：把播放头放到 ${t(op.at)}，选中片段按 S（或 Ctrl/Cmd+B）在那里分割。`;
    case "speed":
      return `手动操作：选中片段，打开“速度/持续时间”（右键 > 片段速度），设为 ${Math.round(op.factor * 100)}%；勾选“保持音调”，人声才不会变调。`;
    case "volume":
      return `手动操作：选中片段，把音量线往下拖（或在音频检查器里把音量设为 ${db(op.level)}）；要静音就按轨道上的 M 键。`;
    case "fade":
      return "手动操作：把片段顶角的小淡化手柄往里拖，或在开头/结尾放一个“黑场过渡”（Dip to Black）。";
    case "text":
    case "text_style":
      return "手动操作：把文字（标题）素材拖到视频上方的轨道，在检查器里改文字、字号、颜色和位置，再拖动两端定好显示时间。";
    case "remove_text":
      return "手动操作：点选每个标题片段，按 Delete 删除。";
    case "captions":
      return "手动操作：运行剪辑软件的自动字幕（转录/自动字幕），或导入 .srt 文件，然后对照音频逐行改正错字。";
    case "caption_style":
      return "手动操作：选中字幕轨道，在字幕检查器里改一次样式、字号或位置，所有字幕都会一起改。";
    case "remove_captions":
      return "手动操作：选中字幕轨道（或全部字幕片段），按 Delete。";
    case "music":
      return "手动操作：把歌曲拖到视频下方的音频轨道，音量调低，在视频结尾处切断并加一个短淡出；打开自动闪避（或加音量关键帧），让有人说话时音乐变小。";
    case "remove_music":
      return "手动操作：点选音频轨道上的音乐片段，按 Delete。";
    case "normalize":
      return `手动操作：给混音加一个响度/标准化效果（或用导出的响度选项），目标整合响度 ${op.lufs ?? -14} LUFS，真峰值 -1 dBTP。`;
    case "aspect":
      return `手动操作：把序列（项目）分辨率改成 ${op.ratio} 画幅，再缩放每个片段让它填满或适应画面。`;
    case "rotate":
      return `手动操作：选中片段，在“变换”（视频）检查器里把旋转设为 ${op.degrees}°；画面形状变了就再缩放到合适大小。`;
    case "flip":
      return `手动操作：选中片段，在视频检查器里用“变换 > ${op.axis === "horizontal" ? "水平" : "垂直"}翻转”。`;
    case "color":
      return "手动操作：打开调色面板（Lumetri 颜色、调色页或“调节”），调整色温、饱和度和对比度，或套用一个 LUT，再把调色复制到其他片段。";
    case "remove_silence":
      return "手动操作：在音频波形里找平直的段落，在每个停顿两端按 S 分割并波纹删除，留几帧余量，免得吃掉字。";
    case "remove_fillers":
      return "手动操作：看字幕（或听）找出“嗯”“呃”，在每个前后按 S 分割，波纹删除；跳切明显的话加 2 帧交叉淡化。";
    case "reorder":
      return "手动操作：沿时间线把每个片段拖到新位置；松手时按住 Ctrl（Mac 上是 Cmd）是插入而不是覆盖。";
    case "add_clips":
      return "手动操作：把媒体库里的片段一个接一个拖到时间线上（或选中后用“追加到末尾”）。";
    case "clip_bounds":
      return "手动操作：拖动片段的左边缘或右边缘来修剪（波纹修剪），后面的片段会自动跟上。";
    case "delete_clips":
      return "手动操作：点选片段（按住 Shift 多选），按 Shift+Delete 波纹删除，空隙会自动合上。";
    case "audiogram":
      return "手动操作：把图片（或纯色遮罩）放到波形下面的轨道上，缩放铺满画面，拉长到结尾。";
    case "edit_text":
      return "手动操作：在文字轨道上拖动标题块来移动，拖两端改变显示时间，双击改文字。";
    case "cut_words":
    case "cut_text":
      return "手动操作：在波形里找到这些词，在词前后的停顿里各按一次 S 分割，波纹删除中间那段，接缝处加 2 帧音频交叉淡化，免得有咔哒声。";
    case "shorten_pause":
      return "手动操作：在上一个词结束后几帧和下一个词开始前几帧各分割一次，波纹删除中间的静音。";
    case "restore_words":
      return "手动操作：把剪切处片段的边缘拖回去（或撤销那次波纹删除），直到这些词回来。";
    case "correct_words":
      return "手动操作：打开字幕（或文稿）面板，双击听错的词，输入正确的词；时间不变。";
    case "export":
      return "手动操作：文件 > 导出（分享），选 H.264 MP4 和对应分辨率，保持帧率，勾选“为网页优化”（快速启动）。";
  }
}
