import type { Lang } from "./sentences";

// The rule planner's conversational sentences (greetings, vague requests, what it
// cannot do), one table per language so a Chinese request is answered in Chinese.

export interface PlannerReplies {
  capabilities: string;
  whatToDo: string;
  greeting: string;
  thanks: string;
  howLong: string;
  cropShape: string;
  whatFirst: string;
  notSure: string;
  /** The request only said what to leave alone ("don't cut the intro"). */
  leaveAsIs: string;
  /** "remove the slow motion": one earlier effect to take back. */
  cancelEdit: string;
  /** A how-to question: the words that do it (`command`) and what they would do (`plan`). */
  howTo(command: string, plan: string): string;
  credits: string;
  creditsCost: string;
  upload: string;
  /** "I can't add a dragon yet." `kind` says which sentence fits. */
  cannot(kind: "creature" | "outro" | "transitions" | "other", what: string): string;
  /** The doable rest of a request that asked for something we cannot do. */
  doable(rest: string): string;
}

const capabilities =
  "I can trim and cut, split, remove pauses and filler words, add captions from the speech, add titles, add or mute music, change speed, fade in/out, rotate or flip, apply a colour look, reshape for TikTok/Shorts/Reels/Instagram, and export an MP4.";

const en: PlannerReplies = {
  capabilities,
  whatToDo: `What would you like to do with your video? ${capabilities}`,
  greeting: `Hi! Drop a clip on the page and tell me what to do. ${capabilities}`,
  thanks: "You're welcome! Tell me if you'd like anything else changed.",
  howLong:
    'How long should it be? For example: "make it 30 seconds", "cut the first 5 seconds" or "remove the pauses".',
  cropShape:
    'Crop to which shape: 9:16 (vertical), 1:1 (square) or 4:5? For example: "crop to 9:16".',
  whatFirst:
    'What would you like to change first? For example: "trim the intro", "add captions", "remove the pauses", "make it vertical for TikTok" or "apply a warm look".',
  notSure: `I'm not sure what to change. ${capabilities} What should I do?`,
  leaveAsIs: "OK, I'll leave that as it is. What would you like me to change?",
  cancelEdit:
    'I can\'t take back only that edit yet. Say "undo" to take back the last change, or tell me the new setting (for example "normal speed" or "make it 16:9").',
  howTo: (command, plan) =>
    `Just ask: "${command}". ${plan.replace(/^I'll /, "Then I'll ")} Want me to do it now?`,
  credits: "Here is your credit balance.",
  creditsCost: "Here is your credit balance; an export uses a few credits.",
  upload:
    "Drag your files onto the page (or use the upload button): videos (MP4, MOV, AVI, WebM, MKV), images (JPG, PNG, GIF, WebP) and audio (MP3, WAV, M4A, AAC), up to 500 MB each. Then tell me what to do with them.",
  cannot(kind, what) {
    if (kind === "creature")
      return `I can't add ${/^[aeiou]/.test(what) ? "an" : "a"} ${what.replace(/s$/, "")} yet.`;
    if (kind === "outro")
      return 'I can\'t find the outro by myself yet: tell me how much of the end to cut, e.g. "cut the last 5 seconds".';
    if (kind === "transitions") return "I can't add transitions between clips yet.";
    return `I can't do "${what}" yet.`;
  },
  doable: (rest) => ` I can do the rest (${rest}): ask again without that part.`,
};

const zhCapabilities =
  "我可以剪切和修剪、分割、删除停顿和语气词、根据语音加字幕、加标题、加背景音乐或静音、变速、淡入淡出、旋转或翻转、调色、改成抖音/Shorts/Reels/Instagram 的画幅，并导出 MP4。";

const zh: PlannerReplies = {
  capabilities: zhCapabilities,
  whatToDo: `你想怎么处理这个视频？${zhCapabilities}`,
  greeting: `你好！把片段拖到页面上，然后告诉我要怎么剪。${zhCapabilities}`,
  thanks: "不客气！还有想改的地方随时告诉我。",
  howLong: "要剪成多长？比如：“剪成30秒”“去掉前5秒”或“去掉停顿”。",
  cropShape: "裁成哪种画幅：9:16（竖屏）、1:1（方形）还是 4:5？比如：“裁成9:16”。",
  whatFirst: "想先改哪里？比如：“剪掉开头”“加字幕”“去掉停顿”“变成竖屏发抖音”或“加个暖色滤镜”。",
  notSure: `我不太确定要改什么。${zhCapabilities}要我做什么？`,
  leaveAsIs: "好的，那部分我不动。想改点什么？",
  cancelEdit:
    "我暂时还不能只撤回那一项修改。说“撤销”可以撤回上一步，或者直接告诉我新的设置（比如“恢复原速”或“改成16:9”）。",
  howTo: (command, plan) => `直接说“${command}”就行，${plan.replace(/^我将/, "我会")}现在就做吗？`,
  credits: "这是你的积分余额。",
  creditsCost: "这是你的积分余额；每次导出会用掉几个积分。",
  upload:
    "把文件拖到页面上（或点上传按钮）：视频（MP4、MOV、AVI、WebM、MKV）、图片（JPG、PNG、GIF、WebP）和音频（MP3、WAV、M4A、AAC），每个最大 500 MB。然后告诉我要怎么处理。",
  cannot(kind, what) {
    if (kind === "creature") return `我暂时还不能添加“${what}”。`;
    if (kind === "outro")
      return "我暂时还不能自己找到片尾：告诉我要剪掉结尾多少，比如“剪掉最后5秒”。";
    if (kind === "transitions") return "我暂时还不能在片段之间加转场。";
    return `我暂时还做不了“${what}”。`;
  },
  doable: (rest) => `其余部分我可以做（${rest}）：去掉那一部分再说一次吧。`,
};

export const PLANNER_REPLIES: Record<Lang, PlannerReplies> = { en, zh };
