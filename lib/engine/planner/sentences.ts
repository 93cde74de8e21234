import { formatTime } from "./describe-ops";

// The planner's own sentences, one table per language: a request written in Chinese
// gets its questions, confirmations and "what stays, what goes" in Simplified Chinese.
// Op descriptions live in describe-ops(-zh).ts; everything else said here is below.

import { requestLanguage, type Lang } from "@/lib/i18n/request-language";

export { requestLanguage, type Lang };

const zhTime = (sec: number) => formatTime(sec).replace(/ s$/, " 秒");

export interface Sentences {
  time(sec: number): string;
  span(from: number, to: number): string;
  /** Two readings of one span, as the question and its two answers. */
  removeOrKeep(from: number, to: number): { question: string; choices: [string, string] };
  /** The reading would remove most of the video. */
  mostGoes(
    from: number,
    to: number,
    duration: number,
  ): { question: string; choices: [string, string] };
  nothingLeft(duration: number): string;
  /** "2:10-2:18 (8 s) goes; the rest stays: the video will be 2:52." */
  effect(gone: string[], goneSec: number, kept: string[], afterSec: number): string;
  list(parts: string[]): string;
  /** Questions about times that cannot be right. */
  needDuration: string;
  splitWhere: string;
  endTooLong(duration: number, n: number): string;
  backwards(from: number, to: number): string;
  pastEnd(duration: number): string;
  undo: string;
  redo: string;
  state: string;
  /** The op rules' questions: what they cannot do as asked, or the one fact they miss. */
  asks: RuleQuestions;
}

export interface RuleQuestions {
  captionColour: string;
  noCaptionsYet: string;
  titleWords: string;
  noTitleYet: string;
  captionsOrTitle: string;
  uploadMusic: string;
  noMusicYet: string;
  volumeMax: string;
  speedRange(factor: number): string;
  speedWholeClips: string;
  aspectChoice(ratio: string): string;
  rotateChoice(deg: number): string;
}

const en: Sentences = {
  time: formatTime,
  span: (a, b) => `${clock(a)}-${clock(b)}`,
  removeOrKeep(a, b) {
    const s = en.span(a, b);
    return {
      question: `Remove ${s} (${formatTime(b - a)}) and keep the rest, or keep only ${s}?`,
      choices: [`remove ${s}`, `keep only ${s}`],
    };
  },
  mostGoes(a, b, d) {
    const s = en.span(a, b);
    return {
      question: `That removes ${s}, ${formatTime(b - a)} of the ${formatTime(d)} video, and keeps only ${formatTime(d - (b - a))}. Remove ${s}, or keep only ${s}?`,
      choices: [`remove ${s}`, `keep only ${s}`],
    };
  },
  nothingLeft: (d) =>
    `That would remove the whole ${formatTime(d)} video. Which part should go, or which part should stay?`,
  effect: (gone, goneSec, kept, after) =>
    `${en.list(gone)} (${formatTime(goneSec)}) ${gone.length > 1 ? "go" : "goes"}; ${kept.length ? `${en.list(kept)} ${kept.length > 1 ? "stay" : "stays"}` : "nothing stays"}: the video will be ${formatTime(after)}.`,
  list: (p) =>
    p.length <= 1 ? (p[0] ?? "") : `${p.slice(0, -1).join(", ")} and ${p[p.length - 1]}`,
  needDuration:
    "I need to know how long the video is for that: add a clip to the timeline first, then ask again.",
  splitWhere: 'Where should I split? Tell me a time, like "split at 0:12".',
  endTooLong: (d, n) =>
    `The video is only ${formatTime(d)} long, so I can't take ${formatTime(n)} off the end. How much should go?`,
  backwards: (a, b) =>
    `That range ends before it starts (${formatTime(a)} to ${formatTime(b)}). Which part did you mean?`,
  pastEnd: (d) =>
    `The video is ${formatTime(d)} long, so that time is past its end. Which part did you mean?`,
  undo: "Undoing the last change.",
  redo: "Redoing the change.",
  state: "Here is what is on the timeline.",
  asks: {
    captionColour:
      "I can't recolour captions yet. I can make them bigger or smaller, move them to the top or bottom, or switch their style: classic, bold, or word-by-word highlight.",
    noCaptionsYet:
      'There are no captions yet. Say "add captions" and I\'ll make them from the speech.',
    titleWords: 'What should the title say? Put it in quotes, like: add the title "My Trip".',
    noTitleYet: 'There is no title yet. Say add the title "..." with your words in quotes.',
    captionsOrTitle: "Which should change: the captions or the title?",
    uploadMusic: "Upload a music file first (MP3, WAV, M4A or AAC), then ask me again to add it.",
    noMusicYet:
      "There is no music yet. Upload a music file (MP3, WAV, M4A or AAC), then ask me to add it.",
    volumeMax: "I can raise the volume up to 400%. How loud should it be?",
    speedRange: (f) =>
      `I can play clips between 0.25x and 4x; ${f}x is outside that. Which speed would you like?`,
    speedWholeClips:
      'I change the speed of whole clips. Split the clip first ("split at 0:05"), then ask me to speed up that clip.',
    aspectChoice: (r) =>
      `I can make the video 16:9, 9:16, 1:1 or 4:5; ${r} is not one of them yet. Which one would you like?`,
    rotateChoice: (d) =>
      `I can rotate by 90, 180 or 270 degrees; ${d} is not one of those. Which would you like?`,
  },
};

const zh: Sentences = {
  time: zhTime,
  span: en.span,
  removeOrKeep(a, b) {
    const s = en.span(a, b);
    return {
      question: `是删除 ${s}（${zhTime(b - a)}）并保留其余部分，还是只保留 ${s}？`,
      choices: [`删除 ${s}`, `只保留 ${s}`],
    };
  },
  mostGoes(a, b, d) {
    const s = en.span(a, b);
    return {
      question: `这样会删除 ${s}，占 ${zhTime(d)} 视频中的 ${zhTime(b - a)}，只剩 ${zhTime(d - (b - a))}。是删除 ${s}，还是只保留 ${s}？`,
      choices: [`删除 ${s}`, `只保留 ${s}`],
    };
  },
  nothingLeft: (d) => `这样会删掉整段 ${zhTime(d)} 的视频。要删掉哪一段，或者保留哪一段？`,
  effect: (gone, goneSec, kept, after) =>
    `删除 ${zh.list(gone)}（${zhTime(goneSec)}），保留 ${kept.length ? zh.list(kept) : "无"}：视频将变为 ${zhTime(after)}。`,
  list: (p) =>
    p.length <= 1 ? (p[0] ?? "") : `${p.slice(0, -1).join("、")} 和 ${p[p.length - 1]}`,
  needDuration: "我需要知道视频有多长：先把片段放到时间线上，再说一次。",
  splitWhere: "要在哪里分割？告诉我一个时间，比如“在0:12处分割”。",
  endTooLong: (d, n) => `视频只有 ${zhTime(d)}，没法从结尾去掉 ${zhTime(n)}。要去掉多少？`,
  backwards: (a, b) => `这个时间段的结束早于开始（${zhTime(a)} 到 ${zhTime(b)}）。你指的是哪一段？`,
  pastEnd: (d) => `视频只有 ${zhTime(d)}，这个时间已经超出结尾了。你指的是哪一段？`,
  undo: "正在撤销上一步修改。",
  redo: "正在重做刚才撤销的修改。",
  state: "这是时间线上现在的内容。",
  asks: {
    captionColour:
      "我暂时还不能改字幕颜色。我可以把字幕放大或缩小、移到顶部或底部，或者换样式：经典、粗体或逐字高亮。",
    noCaptionsYet: "现在还没有字幕。说“加字幕”，我会根据语音生成。",
    titleWords: "标题要写什么？用引号括起来，比如：加标题“我的旅行”。",
    noTitleYet: "现在还没有标题。说 加标题“……”，把文字放在引号里。",
    captionsOrTitle: "要改的是字幕还是标题？",
    uploadMusic: "先上传一个音乐文件（MP3、WAV、M4A 或 AAC），再让我加进来。",
    noMusicYet: "现在还没有音乐。上传一个音乐文件（MP3、WAV、M4A 或 AAC），再让我加进来。",
    volumeMax: "音量最多能调到 400%。要多大声？",
    speedRange: (f) => `我能把速度调到 0.25 倍到 4 倍之间；${f} 倍超出了范围。要多少倍速？`,
    speedWholeClips: "我只能给整个片段变速。先分割片段（比如“在0:05处分割”），再让我给那一段变速。",
    aspectChoice: (r) => `我可以做成 16:9、9:16、1:1 或 4:5；暂时不支持 ${r}。要哪一种？`,
    rotateChoice: (d) => `我可以旋转 90、180 或 270 度；${d} 度不行。要转多少度？`,
  },
};

export const SENTENCES: Record<Lang, Sentences> = { en, zh };

/** m:ss always, so a span reads the same at both ends ("0:45-1:02"). */
export function clock(sec: number): string {
  const m = Math.floor(sec / 60);
  const s = Math.round((sec - m * 60) * 10) / 10;
  return `${m}:${s < 10 ? "0" : ""}${s}`;
}
