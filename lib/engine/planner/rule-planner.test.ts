import { describe, expect, it } from "vitest";
import { planSchema, type Intent, type Op, type Plan } from "@/lib/plan/schema";
import { emptyContext, type PlannerContext } from "./planner-context";
import { planWithRules } from "./rule-planner";

// One row per phrasing: request, session facts, expected intent and ops (exact).
// Contexts: a 60 s video with nothing on it yet, a two-clip session with captions and a
// title, and follow-ups after a previous plan.

const clips = [
  { index: 0, name: "intro.mp4", mediaId: "med_a", durationSec: 20 },
  { index: 1, name: "beach.mp4", mediaId: "med_b", durationSec: 40 },
];
const media = [
  { id: "med_a", name: "intro.mp4", kind: "video" as const, durationSec: 20 },
  { id: "med_b", name: "beach.mp4", kind: "video" as const, durationSec: 40 },
  { id: "med_m", name: "song.mp3", kind: "audio" as const, durationSec: 90 },
];
const V60 = emptyContext({ durationSec: 60 });
const TWO = emptyContext({ durationSec: 60, clips, media, hasCaptions: true, hasTitles: true });
const MUSIC = emptyContext({ durationSec: 60, clips, media, hasMusic: true, musicLevel: 0.3 });
const NOAUDIO = emptyContext({ durationSec: 60, clips, media: media.slice(0, 2) });
const after = (lastPlan: Plan, over: Partial<PlannerContext> = {}) =>
  emptyContext({ durationSec: 60, clips, media, lastPlan, ...over });
const edit = (...ops: Op[]): Plan => ({ intent: "edit", ops, reply: "" });

type Row = [request: string, ctx: PlannerContext, intent: Intent, ops?: Op[]];
const E = "edit" as const;

const rows: Row[] = [
  // The product's own examples
  [
    "trim the intro, add captions, and export for YouTube",
    V60,
    E,
    [{ op: "trim", start: "intro" }, { op: "captions" }, { op: "export", preset: "youtube" }],
  ],
  [
    "edit a 2-minute tutorial recording into a 1080p MP4",
    V60,
    "export",
    [{ op: "export", preset: "1080p" }],
  ],
  [
    "Trim the intro, add captions and export for YouTube.",
    V60,
    E,
    [{ op: "trim", start: "intro" }, { op: "captions" }, { op: "export", preset: "youtube" }],
  ],
  [
    "剪掉开头，加字幕，导出到抖音",
    V60,
    E,
    [
      { op: "trim", start: "intro" },
      { op: "captions" },
      { op: "aspect", ratio: "9:16" },
      { op: "export", preset: "tiktok" },
    ],
  ],
  // Routing (the seed's table)
  ["export", V60, "export", [{ op: "export", preset: "1080p" }]],
  ["导出", V60, "export", [{ op: "export", preset: "1080p" }]],
  ["download", V60, "export", [{ op: "export", preset: "1080p" }]],
  ["send me the video", V60, "export", [{ op: "export", preset: "1080p" }]],
  ["下载视频", V60, "export", [{ op: "export", preset: "1080p" }]],
  ["credits", V60, "credits", []],
  ["how many credits do I have?", V60, "credits", []],
  ["积分", V60, "credits", []],
  ["balance", V60, "credits", []],
  ["余额", V60, "credits", []],
  ["查一下余额", V60, "credits", []],
  ["status", V60, "state", []],
  ["状态", V60, "state", []],
  ["show tracks", V60, "state", []],
  ["show me the timeline", V60, "state", []],
  ["what's on the timeline?", V60, "state", []],
  ["upload", V60, "upload", []],
  ["上传", V60, "upload", []],
  ["how do I upload a video?", V60, "upload", []],
  ["how do i add my footage", V60, "upload", []],
  ["undo", V60, "undo", []],
  ["undo that", V60, "undo", []],
  ["Undo the last change", V60, "undo", []],
  ["撤销", V60, "undo", []],
  ["撤回一下", V60, "undo", []],
  ["redo", V60, "redo", []],
  ["redo that", V60, "redo", []],
  ["重做", V60, "redo", []],
  // Trims and cuts, times in many forms
  ["trim the intro", V60, E, [{ op: "trim", start: "intro" }]],
  ["cut the boring beginning", V60, E, [{ op: "trim", start: "intro" }]],
  ["remove the silence at the start", V60, E, [{ op: "trim", start: "intro" }]],
  ["start where I start talking", V60, E, [{ op: "trim", start: "intro" }]],
  ["skip the intro", V60, E, [{ op: "trim", start: "intro" }]],
  ["tirm the intor", V60, E, [{ op: "trim", start: "intro" }]],
  ["去掉片头", V60, E, [{ op: "trim", start: "intro" }]],
  ["cut the first 5 seconds", V60, E, [{ op: "trim", start: 5 }]],
  ["trim the first 5 seconds", V60, E, [{ op: "trim", start: 5 }]],
  ["remove the first five seconds", V60, E, [{ op: "trim", start: 5 }]],
  ["delete first 5s", V60, E, [{ op: "trim", start: 5 }]],
  ["剪掉前5秒", V60, E, [{ op: "trim", start: 5 }]],
  ["去掉前五秒", V60, E, [{ op: "trim", start: 5 }]],
  ["keep only the first 30 seconds", V60, E, [{ op: "trim", end: 30 }]],
  ["just the first 10 seconds", V60, E, [{ op: "trim", end: 10 }]],
  ["只保留前10秒", V60, E, [{ op: "trim", end: 10 }]],
  ["make it 30 seconds long", V60, E, [{ op: "trim", end: 30 }]],
  ["shorten it to 45 s", V60, E, [{ op: "trim", end: 45 }]],
  ["cut it down to half a minute", V60, E, [{ op: "trim", end: 30 }]],
  ["cut the last 3 s", V60, E, [{ op: "trim", end: 57 }]],
  ["remove the last 3 seconds", V60, E, [{ op: "trim", end: 57 }]],
  ["去掉最后3秒", V60, E, [{ op: "trim", end: 57 }]],
  ["keep the last 10 seconds", V60, E, [{ op: "trim", start: 50 }]],
  // A range with no verb could be either: asked, never guessed (fresh-readings.test.ts).
  ["0:05 to 0:12", V60, "clarify"],
  ["keep 0:05 to 0:12", V60, E, [{ op: "trim", start: 5, end: 12 }]],
  ["trim to 5s-10s", V60, E, [{ op: "trim", start: 5, end: 10 }]],
  ["只保留5秒到10秒", V60, E, [{ op: "trim", start: 5, end: 10 }]],
  ["cut 0:05 to 0:12", V60, E, [{ op: "cut", from: 5, to: 12 }]],
  ["remove 5s-10s", V60, E, [{ op: "cut", from: 5, to: 10 }]],
  ["cut out between 5 and 10 seconds", V60, E, [{ op: "cut", from: 5, to: 10 }]],
  ["delete from 20 to 25 seconds", V60, E, [{ op: "cut", from: 20, to: 25 }]],
  ["删掉10秒到15秒", V60, E, [{ op: "cut", from: 10, to: 15 }]],
  ["cut from 0:00 to 0:04", V60, E, [{ op: "trim", start: 4 }]],
  ["from 1m30 to the end", emptyContext({ durationSec: 180 }), E, [{ op: "trim", start: 90 }]],
  ["cut from 1m30 to the end", emptyContext({ durationSec: 180 }), E, [{ op: "trim", end: 90 }]],
  [
    "keep from 1:30 until the end",
    emptyContext({ durationSec: 180 }),
    E,
    [{ op: "trim", start: 90 }],
  ],
  [
    "cut from 1 min 30 s to the end",
    emptyContext({ durationSec: 180 }),
    E,
    [{ op: "trim", end: 90 }],
  ],
  // No verb: cut 1:30 to the end, or keep only it? Asked, like "0:05 to 0:12".
  ["从1分30秒到结尾", emptyContext({ durationSec: 180 }), "clarify"],
  [
    "keep 1:00:05 to 1:00:10",
    emptyContext({ durationSec: 4000 }),
    E,
    [{ op: "trim", start: 3605, end: 3610 }],
  ],
  [
    "cut between 2 and 3 minutes",
    emptyContext({ durationSec: 300 }),
    E,
    [{ op: "cut", from: 120, to: 180 }],
  ],
  ["split at 12.5s", V60, E, [{ op: "split", at: 12.5 }]],
  ["split the clip at 0:12", V60, E, [{ op: "split", at: 12 }]],
  ["在10秒处分割", V60, E, [{ op: "split", at: 10 }]],
  ["split it", V60, "clarify"],
  ["cut at 0:30", V60, E, [{ op: "split", at: 30 }]],
  ["split it in half", V60, E, [{ op: "split", at: 30 }]],
  ["cut the last 90 seconds", V60, "clarify"],
  ["keep 0:50 to 0:20", V60, "clarify"],
  ["cut the last 5 seconds", emptyContext(), "clarify"],
  [
    "get rid of the first 10 seconds and the last 5 seconds",
    V60,
    E,
    [{ op: "trim", start: 10, end: 55 }],
  ],
  [
    "cut from 10s to 20s and from 40s to 50s",
    V60,
    E,
    [
      { op: "cut", from: 40, to: 50 },
      { op: "cut", from: 10, to: 20 },
    ],
  ],
  ["delete everything before 0:15", V60, E, [{ op: "trim", start: 15 }]],
  ["remove everything after 0:45", V60, E, [{ op: "trim", end: 45 }]],
  ["start the video at 0:10", V60, E, [{ op: "trim", start: 10 }]],
  ["end the video at 0:50", V60, E, [{ op: "trim", end: 50 }]],
  ["从10秒开始", V60, E, [{ op: "trim", start: 10 }]],
  ["把视频剪到30秒", V60, E, [{ op: "trim", end: 30 }]],
  ["删除40秒以后的部分", V60, E, [{ op: "trim", end: 40 }]],
  ["make it shorter", V60, "clarify"],
  // Speed
  ["2x", V60, E, [{ op: "speed", factor: 2 }]],
  ["speed it up 2x", V60, E, [{ op: "speed", factor: 2 }]],
  ["play at 1.5x speed", V60, E, [{ op: "speed", factor: 1.5 }]],
  ["make it twice as fast", V60, E, [{ op: "speed", factor: 2 }]],
  ["half speed", V60, E, [{ op: "speed", factor: 0.5 }]],
  ["slow motion please", V60, E, [{ op: "speed", factor: 0.5 }]],
  ["speed up by 50%", V60, E, [{ op: "speed", factor: 1.5 }]],
  ["slow down by 25%", V60, E, [{ op: "speed", factor: 0.75 }]],
  ["speed up", V60, E, [{ op: "speed", factor: 1.5 }]],
  ["slow it down 2x", V60, E, [{ op: "speed", factor: 0.5 }]],
  ["normal speed", V60, E, [{ op: "speed", factor: 1 }]],
  ["两倍速", V60, E, [{ op: "speed", factor: 2 }]],
  ["2倍速播放", V60, E, [{ op: "speed", factor: 2 }]],
  ["0.5倍速", V60, E, [{ op: "speed", factor: 0.5 }]],
  ["慢动作", V60, E, [{ op: "speed", factor: 0.5 }]],
  ["加速", V60, E, [{ op: "speed", factor: 1.5 }]],
  ["speed up 10x", V60, "clarify"],
  ["speed up the second clip 2x", TWO, E, [{ op: "speed", factor: 2, target: { index: 1 } }]],
  // Levels
  ["mute", V60, E, [{ op: "volume", level: 0 }]],
  ["mute the audio", V60, E, [{ op: "volume", level: 0 }]],
  ["remove the sound", V60, E, [{ op: "volume", level: 0 }]],
  ["静音", V60, E, [{ op: "volume", level: 0 }]],
  ["去掉原声", V60, E, [{ op: "volume", level: 0 }]],
  ["mute the music", MUSIC, E, [{ op: "volume", level: 0, track: "music" }]],
  ["unmute", V60, E, [{ op: "volume", level: 1 }]],
  ["quieter", V60, E, [{ op: "volume", level: 0.5 }]],
  ["make it quieter", V60, E, [{ op: "volume", level: 0.5 }]],
  ["make it louder", V60, E, [{ op: "volume", level: 1.5 }]],
  ["turn the volume up", V60, E, [{ op: "volume", level: 1.5 }]],
  ["lower the volume", V60, E, [{ op: "volume", level: 0.5 }]],
  ["声音小一点", V60, E, [{ op: "volume", level: 0.5 }]],
  ["音量调高", V60, E, [{ op: "volume", level: 1.5 }]],
  ["volume to 80%", V60, E, [{ op: "volume", level: 0.8 }]],
  ["music at 30%", MUSIC, E, [{ op: "volume", level: 0.3, track: "music" }]],
  ["make the music quieter", MUSIC, E, [{ op: "volume", level: 0.15, track: "music" }]],
  ["the music is too loud", MUSIC, E, [{ op: "volume", level: 0.15, track: "music" }]],
  ["音乐调到百分之二十", MUSIC, E, [{ op: "volume", level: 0.2, track: "music" }]],
  ["normalize the audio", V60, E, [{ op: "normalize" }]],
  ["normalise loudness to -16 LUFS", V60, E, [{ op: "normalize", lufs: -16 }]],
  ["音量标准化", V60, E, [{ op: "normalize" }]],
  // Fades
  ["fade in and out", V60, E, [{ op: "fade", in: 1, out: 1 }]],
  ["add a 2 second fade in", V60, E, [{ op: "fade", in: 2 }]],
  ["fade out over the last 3 seconds", V60, E, [{ op: "fade", out: 3 }]],
  ["fade to black at the end", V60, E, [{ op: "fade", out: 1 }]],
  ["fade it out", V60, E, [{ op: "fade", out: 1 }]],
  ["淡入淡出", V60, E, [{ op: "fade", in: 1, out: 1 }]],
  ["淡出", V60, E, [{ op: "fade", out: 1 }]],
  // Captions and titles
  ["add captions", V60, E, [{ op: "captions" }]],
  ["add subtitles", V60, E, [{ op: "captions" }]],
  ["captoins please", V60, E, [{ op: "captions" }]],
  ["transcribe it", V60, E, [{ op: "captions" }]],
  ["add bold captions", V60, E, [{ op: "captions", style: "bold" }]],
  ["add word by word captions", V60, E, [{ op: "captions", style: "highlight" }]],
  ["add captions in Spanish", V60, E, [{ op: "captions", language: "es" }]],
  ["加字幕", V60, E, [{ op: "captions" }]],
  ["添加中文字幕", V60, E, [{ op: "captions", language: "zh" }]],
  ["自动生成字幕", V60, E, [{ op: "captions" }]],
  ["remove the captions", TWO, E, [{ op: "remove_captions" }]],
  ["去掉字幕", TWO, E, [{ op: "remove_captions" }]],
  ["make the captions bigger", TWO, E, [{ op: "caption_style", scale: 1.25 }]],
  ["make the subtitles smaller", TWO, E, [{ op: "caption_style", scale: 0.8 }]],
  ["move the captions to the top", TWO, E, [{ op: "caption_style", position: "top" }]],
  ["字幕大一点", TWO, E, [{ op: "caption_style", scale: 1.25 }]],
  ["make the captions bigger", NOAUDIO, "clarify"],
  ['add the title "Hello World"', V60, E, [{ op: "text", text: "Hello World" }]],
  [
    'add a title "My Trip" at the top for the first 3 seconds',
    V60,
    E,
    [{ op: "text", text: "My Trip", position: "top", start: 0, end: 3 }],
  ],
  [
    "put 'Subscribe!' at the bottom for the last 5 seconds",
    V60,
    E,
    [{ op: "text", text: "Subscribe!", position: "bottom", start: 55, end: 60 }],
  ],
  ["at 12.5s add the text “Boom”", V60, E, [{ op: "text", text: "Boom", start: 12.5 }]],
  ["add text saying Welcome back", V60, E, [{ op: "text", text: "Welcome back" }]],
  ["put a title that says Welcome at the beginning", V60, E, [{ op: "text", text: "Welcome" }]],
  ["加标题「我的旅行」", V60, E, [{ op: "text", text: "我的旅行" }]],
  ["在顶部添加文字“欢迎”", V60, E, [{ op: "text", text: "欢迎", position: "top" }]],
  ["move the title to the bottom", TWO, E, [{ op: "text_style", position: "bottom" }]],
  ["make the title bigger", TWO, E, [{ op: "text_style", scale: 1.25 }]],
  ["make the title red", TWO, E, [{ op: "text_style", color: "#FF0000" }]],
  ['change the title to "Day One"', TWO, E, [{ op: "text_style", text: "Day One" }]],
  ["把标题移到底部", TWO, E, [{ op: "text_style", position: "bottom" }]],
  ["remove the title", TWO, E, [{ op: "remove_text" }]],
  ["add a title", V60, "clarify"],
  // Music
  ["add background music", MUSIC, E, [{ op: "music", source: "med_m" }]],
  ["add music at 30%", MUSIC, E, [{ op: "music", source: "med_m", level: 0.3 }]],
  ["use song.mp3 as background music", MUSIC, E, [{ op: "music", source: "med_m" }]],
  ["add background music", NOAUDIO, "clarify"],
  ["加背景音乐", MUSIC, E, [{ op: "music", source: "med_m" }]],
  ["remove the music", MUSIC, E, [{ op: "remove_music" }]],
  ["去掉背景音乐", MUSIC, E, [{ op: "remove_music" }]],
  // Frame, rotation, colour
  ["make it vertical", V60, E, [{ op: "aspect", ratio: "9:16" }]],
  ["9:16", V60, E, [{ op: "aspect", ratio: "9:16" }]],
  [
    "make it square with a blurred background",
    V60,
    E,
    [{ op: "aspect", ratio: "1:1", fit: "blur" }],
  ],
  ["convert to 4:5 and crop to fill", V60, E, [{ op: "aspect", ratio: "4:5", fit: "crop" }]],
  [
    "landscape 16:9 with black bars",
    emptyContext({ aspect: "9:16" }),
    E,
    [{ op: "aspect", ratio: "16:9", fit: "pad" }],
  ],
  ["变成竖屏", V60, E, [{ op: "aspect", ratio: "9:16" }]],
  ["make it 4:3", V60, "clarify"],
  ["rotate 90 degrees", V60, E, [{ op: "rotate", degrees: 90 }]],
  ["rotate left", V60, E, [{ op: "rotate", degrees: 270 }]],
  ["turn it upside down", V60, E, [{ op: "rotate", degrees: 180 }]],
  ["旋转90度", V60, E, [{ op: "rotate", degrees: 90 }]],
  ["逆时针旋转90度", V60, E, [{ op: "rotate", degrees: 270 }]],
  ["rotate the second clip 180", TWO, E, [{ op: "rotate", degrees: 180, target: { index: 1 } }]],
  ["rotate 45 degrees", V60, "clarify"],
  ["flip horizontally", V60, E, [{ op: "flip", axis: "horizontal" }]],
  ["mirror it", V60, E, [{ op: "flip", axis: "horizontal" }]],
  ["flip vertically", V60, E, [{ op: "flip", axis: "vertical" }]],
  ["镜像", V60, E, [{ op: "flip", axis: "horizontal" }]],
  ["make it black and white", V60, E, [{ op: "color", preset: "bw" }]],
  ["black & white", V60, E, [{ op: "color", preset: "bw" }]],
  ["give it a vintage look", V60, E, [{ op: "color", preset: "vintage" }]],
  ["make it warmer", V60, E, [{ op: "color", preset: "warm" }]],
  ["it's too dark", V60, E, [{ op: "color", preset: "bright" }]],
  ["make the colors pop", V60, E, [{ op: "color", preset: "vivid" }]],
  ["remove the filter", V60, E, [{ op: "color", preset: "none" }]],
  ["黑白", V60, E, [{ op: "color", preset: "bw" }]],
  ["复古风格", V60, E, [{ op: "color", preset: "vintage" }]],
  [
    "make beach.mp4 black and white",
    TWO,
    E,
    [{ op: "color", preset: "bw", target: { mediaId: "med_b" } }],
  ],
  // Pauses and filler words
  ["remove the pauses", V60, E, [{ op: "remove_silence" }]],
  ["cut the silences", V60, E, [{ op: "remove_silence" }]],
  ["remove dead air", V60, E, [{ op: "remove_silence" }]],
  ["remove pauses longer than 1 second", V60, E, [{ op: "remove_silence", min: 1 }]],
  ["jump cuts please", V60, E, [{ op: "remove_silence" }]],
  ["去掉停顿", V60, E, [{ op: "remove_silence" }]],
  ["删除静音部分", V60, E, [{ op: "remove_silence" }]],
  ["remove filler words", V60, E, [{ op: "remove_fillers" }]],
  ["cut the ums and uhs", V60, E, [{ op: "remove_fillers" }]],
  ["去掉语气词", V60, E, [{ op: "remove_fillers" }]],
  // Platforms and exports
  ["export for youtbe", V60, "export", [{ op: "export", preset: "youtube" }]],
  [
    "export for TikTok",
    V60,
    "export",
    [
      { op: "aspect", ratio: "9:16" },
      { op: "export", preset: "tiktok" },
    ],
  ],
  [
    "export as a YouTube Short",
    V60,
    "export",
    [
      { op: "aspect", ratio: "9:16" },
      { op: "export", preset: "shorts" },
    ],
  ],
  [
    "export for Instagram Reels",
    V60,
    "export",
    [
      { op: "aspect", ratio: "9:16" },
      { op: "export", preset: "reels" },
    ],
  ],
  [
    "export for instagram",
    V60,
    "export",
    [
      { op: "aspect", ratio: "1:1" },
      { op: "export", preset: "instagram" },
    ],
  ],
  ["export for X", V60, "export", [{ op: "export", preset: "twitter" }]],
  ["download it for twitter", V60, "export", [{ op: "export", preset: "twitter" }]],
  ["export for LinkedIn", V60, "export", [{ op: "export", preset: "linkedin" }]],
  ["export in 720p", V60, "export", [{ op: "export", preset: "720p" }]],
  ["render a 1080p mp4", V60, "export", [{ op: "export", preset: "1080p" }]],
  [
    "导出到TikTok",
    V60,
    "export",
    [
      { op: "aspect", ratio: "9:16" },
      { op: "export", preset: "tiktok" },
    ],
  ],
  [
    "导出到抖音",
    V60,
    "export",
    [
      { op: "aspect", ratio: "9:16" },
      { op: "export", preset: "tiktok" },
    ],
  ],
  ["export", emptyContext({ aspect: "9:16" }), "export", [{ op: "export", preset: "shorts" }]],
  [
    "export for tiktok",
    emptyContext({ aspect: "9:16" }),
    "export",
    [{ op: "export", preset: "tiktok" }],
  ],
  ["make it TikTok-ready", V60, E, [{ op: "aspect", ratio: "9:16" }]],
  // Compound requests
  [
    "cut the first 5 seconds and add captions",
    V60,
    E,
    [{ op: "trim", start: 5 }, { op: "captions" }],
  ],
  [
    "remove the pauses, add bold captions, then export for shorts",
    V60,
    E,
    [
      { op: "remove_silence" },
      { op: "captions", style: "bold" },
      { op: "aspect", ratio: "9:16" },
      { op: "export", preset: "shorts" },
    ],
  ],
  [
    "make it vertical and export for tiktok",
    V60,
    "export",
    [
      { op: "aspect", ratio: "9:16" },
      { op: "export", preset: "tiktok" },
    ],
  ],
  [
    "mute the clip and add background music at 20%",
    MUSIC,
    E,
    [
      { op: "volume", level: 0 },
      { op: "music", source: "med_m", level: 0.2 },
    ],
  ],
  [
    'trim the intro, add the title "Lesson 1" at the top, fade out and export',
    V60,
    E,
    [
      { op: "trim", start: "intro" },
      { op: "text", text: "Lesson 1", position: "top" },
      { op: "fade", out: 1 },
      { op: "export", preset: "1080p" },
    ],
  ],
  [
    "加字幕并导出到抖音",
    V60,
    E,
    [{ op: "captions" }, { op: "aspect", ratio: "9:16" }, { op: "export", preset: "tiktok" }],
  ],
  ["去掉停顿，然后加字幕", V60, E, [{ op: "remove_silence" }, { op: "captions" }]],
  ["剪掉开头加字幕", V60, E, [{ op: "trim", start: "intro" }, { op: "captions" }]],
  [
    "两倍速然后静音",
    V60,
    E,
    [
      { op: "speed", factor: 2 },
      { op: "volume", level: 0 },
    ],
  ],
  [
    "speed up 2x and make it black and white",
    V60,
    E,
    [
      { op: "speed", factor: 2 },
      { op: "color", preset: "bw" },
    ],
  ],
  ["please add subtitles and make them bold", V60, E, [{ op: "captions", style: "bold" }]],
  [
    "add captions and make them bigger",
    V60,
    E,
    [{ op: "captions" }, { op: "caption_style", scale: 1.25 }],
  ],
  [
    "Make this a YouTube Short with captions",
    V60,
    E,
    [{ op: "aspect", ratio: "9:16" }, { op: "captions" }],
  ],
  ["crop it", V60, "clarify"],
  ["thanks!", V60, "clarify"],
  // Batch: one clip or each clip
  [
    "trim the intro of the second clip",
    TWO,
    E,
    [{ op: "trim", start: "intro", target: { index: 1 } }],
  ],
  ["for each clip, trim the intro", TWO, E, [{ op: "trim", start: "intro", target: "all" }]],
  ["mute intro.mp4", TWO, E, [{ op: "volume", level: 0, target: { mediaId: "med_a" } }]],
  ["make the last clip slow motion", TWO, E, [{ op: "speed", factor: 0.5, target: { index: 1 } }]],
  ["给第2个片段加速", TWO, E, [{ op: "speed", factor: 1.5, target: { index: 1 } }]],
  ["swap clip 1 and clip 2", TWO, E, [{ op: "reorder", order: [1, 0] }]],
  ["swap the first two clips", TWO, E, [{ op: "reorder", order: [1, 0] }]],
  ["move the second clip to the start", TWO, E, [{ op: "reorder", order: [1, 0] }]],
  ["reverse the order", TWO, E, [{ op: "reorder", order: [1, 0] }]],
  ["combine all my clips", TWO, E, [{ op: "add_clips" }]],
  ["put beach.mp4 on the timeline", TWO, E, [{ op: "add_clips", mediaIds: ["med_b"] }]],
  ["delete the second clip", TWO, E, [{ op: "cut", from: 20, to: 60 }]],
  ["remove clip 1", TWO, E, [{ op: "cut", from: 0, to: 20 }]],
  ["把第二段删掉", TWO, E, [{ op: "cut", from: 20, to: 60 }]],
  [
    "delete the second clip",
    emptyContext({ durationSec: 20, clips: clips.slice(0, 1) }),
    "clarify",
  ],
  ["make it vertical and zoom in to fill", V60, E, [{ op: "aspect", ratio: "9:16", fit: "crop" }]],
  ["swap the clips", emptyContext({ durationSec: 60, clips: clips.slice(0, 1) }), "clarify"],
  // Follow-ups against the current state
  [
    "actually make it 10 seconds",
    after(edit({ op: "trim", start: 5 })),
    E,
    [{ op: "trim", start: 10 }],
  ],
  [
    "make it 10 seconds instead",
    after(edit({ op: "trim", end: 30 }, { op: "captions" })),
    E,
    [{ op: "trim", end: 10 }, { op: "captions" }],
  ],
  ["改成10秒", after(edit({ op: "trim", start: 5 })), E, [{ op: "trim", start: 10 }]],
  ["actually 3x", after(edit({ op: "speed", factor: 2 })), E, [{ op: "speed", factor: 3 }]],
  [
    "actually make the fade 2 seconds",
    after(edit({ op: "fade", out: 1 })),
    E,
    [{ op: "fade", out: 2 }],
  ],
  [
    "第2段也一样",
    after(edit({ op: "speed", factor: 2, target: { index: 0 } })),
    E,
    [{ op: "speed", factor: 2, target: { index: 1 } }],
  ],
  ["在50秒处结束", V60, E, [{ op: "trim", end: 50 }]],
  [
    "do the same for the second clip",
    after(edit({ op: "color", preset: "bw", target: { index: 0 } })),
    E,
    [{ op: "color", preset: "bw", target: { index: 1 } }],
  ],
  [
    "bigger",
    after(edit({ op: "captions" }), { hasCaptions: true }),
    E,
    [{ op: "caption_style", scale: 1.25 }],
  ],
  [
    "even bigger",
    after(edit({ op: "caption_style", scale: 1.25 }), { hasCaptions: true }),
    E,
    [{ op: "caption_style", scale: 1.25 }],
  ],
  [
    "smaller please",
    after(edit({ op: "text", text: "Hi" }), { hasTitles: true }),
    E,
    [{ op: "text_style", scale: 0.8 }],
  ],
  [
    "move it to the top",
    after(edit({ op: "text", text: "Hi" }), { hasTitles: true }),
    E,
    [{ op: "text_style", position: "top" }],
  ],
  [
    "quieter",
    after(edit({ op: "music", source: "med_m" }), { hasMusic: true, musicLevel: 0.3 }),
    E,
    [{ op: "volume", level: 0.15, track: "music" }],
  ],
  ["bigger", TWO, "clarify"],
  // Vague, impossible, empty
  ["make it look better", V60, "clarify"],
  ["make it cool", V60, "clarify"],
  ["improve it", V60, "clarify"],
  ["让视频更好看", V60, "clarify"],
  ["add a dragon", V60, "clarify"],
  ["add captions and a dragon", V60, "clarify"],
  ["replace the background with a beach", V60, "clarify"],
  ["加一条龙", V60, "clarify"],
  ["asdfgh", V60, "clarify"],
  ["make the captions yellow", TWO, "clarify"],
  ["cut the intro and the outro", V60, "clarify"],
  ["add transitions between clips", TWO, "clarify"],
  ["play it backwards", V60, "clarify"],
  ["stabilize the video", V60, "clarify"],
  ["hello", V60, "clarify"],
  ["what can you do?", V60, "clarify"],
];

describe("rule planner: request table", () => {
  it("has at least 150 rows", () => expect(rows.length).toBeGreaterThanOrEqual(150));

  it.each(rows)("%s", (request, ctx, intent, ops) => {
    const plan = planWithRules(request, ctx);
    expect(planSchema.safeParse(plan).success).toBe(true);
    expect({ intent: plan.intent, ops: plan.ops }).toEqual({ intent, ops: ops ?? [] });
    expect(plan.reply.length).toBeGreaterThan(5);
  });
});

describe("rule planner: replies", () => {
  it("says what it will do, with times", () => {
    // Every span edit also says what goes and what stays (issue 17).
    expect(planWithRules("cut 0:05 to 0:12", V60).reply).toBe(
      "I'll cut 5 s to 12 s. 0:05-0:12 (7 s) goes; 0:00-0:05 and 0:12-1:00 stay: the video will be 53 s.",
    );
  });
  it("is honest about what it cannot do and lists what it can", () => {
    const reply = planWithRules("add a dragon", V60).reply;
    expect(reply).toMatch(/can't add a dragon/);
    expect(reply).toMatch(/captions/);
  });
  it("asks a short question for vague requests", () => {
    expect(planWithRules("make it look better", V60).reply).toMatch(/\?/);
  });
  it("marks corrections of the last turn as revisions", () => {
    expect(
      planWithRules("actually make it 10 seconds", after(edit({ op: "trim", start: 5 }))).revise,
    ).toBe(true);
    expect(planWithRules("cut the first 10 seconds", V60).revise).toBeUndefined();
  });
  it("is deterministic", () => {
    const a = planWithRules("trim the intro, add captions, and export for YouTube", V60);
    expect(planWithRules("trim the intro, add captions, and export for YouTube", V60)).toEqual(a);
  });
});
