import { secondsText } from "../analysis/decide-content-start";
import type { Lang } from "../planner/sentences";

// The steps a turn shows while it works (reading the request, listening, finding the
// intro, measuring pauses) and the notes it adds to the reply, in the language of the
// request: a Chinese request sees its progress in Chinese too.

export interface StepSentences {
  reading: string;
  planned(planner: string): string;
  listening(name: string): string;
  fetchingModel(percent: number | null): string;
  heard(count: number, name: string, engine: string): string;
  couldNotListen(name: string): string;
  detectingIntro(name: string): string;
  couldNotAnalyse(name: string): string;
  noIntro(name: string): string;
  foundStart(name: string, reason: string, startMs: number): string;
  /** The reply's note: where the content starts and what was cut (`name` when several clips were trimmed). */
  introNote(findings: string[], startMs: number, name?: string): string;
  measuringPauses(name: string): string;
  foundPauses(count: number, name: string): string;
  couldNotMeasurePauses(name: string): string;
  energy: string;
  energyDone: string;
  energyFailed: string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const zhSeconds = (ms: number) => secondsText(ms).replace(/ s$/, " 秒");

const en: StepSentences = {
  reading: "Reading your request...",
  planned: (planner) => (planner === "rules" ? "Planned" : `Planned (${planner})`),
  listening: (name) => `Listening to the speech in ${name}...`,
  fetchingModel: (p) => `Fetching the speech model (first use)${p !== null ? `: ${p}%` : ""}...`,
  heard: (count, name, engine) => `Heard ${count} words in ${name} (${engine})`,
  couldNotListen: (name) => `Could not listen to ${name}`,
  detectingIntro: (name) => `Detecting the intro of ${name}...`,
  couldNotAnalyse: (name) => `Could not analyse ${name}`,
  noIntro: (name) => `No intro found in ${name}`,
  foundStart: (name, reason) => `Found the start of ${name}: ${reason}`,
  introNote: (findings, startMs, name) =>
    `${cap(findings.join(", "))}; I cut the first ${secondsText(startMs)}${name ? ` of ${name}` : ""}.`,
  measuringPauses: (name) => `Measuring the pauses in ${name}...`,
  foundPauses: (count, name) => `Found ${count} pause${count === 1 ? "" : "s"} in ${name}`,
  couldNotMeasurePauses: (name) => `Could not measure the pauses in ${name}`,
  energy: "Finding clean cut points in the sound...",
  energyDone: "Measured the sound for clean cut points",
  energyFailed: "Could not measure the sound: cutting at the word times",
};

const zh: StepSentences = {
  reading: "正在理解你的请求...",
  planned: (planner) => (planner === "rules" ? "已规划" : `已规划（${planner}）`),
  listening: (name) => `正在听 ${name} 里的语音...`,
  fetchingModel: (p) => `正在获取语音模型（首次使用）${p !== null ? `：${p}%` : ""}...`,
  heard: (count, name, engine) => `在 ${name} 里听到 ${count} 个词（${engine}）`,
  couldNotListen: (name) => `无法识别 ${name} 的语音`,
  detectingIntro: (name) => `正在找 ${name} 的开头...`,
  couldNotAnalyse: (name) => `无法分析 ${name}`,
  noIntro: (name) => `${name} 没有可去掉的开头`,
  foundStart: (name, _reason, startMs) => `找到了 ${name} 的内容开始处：${zhSeconds(startMs)}`,
  introNote: (_findings, startMs, name) =>
    `内容从 ${zhSeconds(startMs)} 开始，我剪掉了${name ? ` ${name} 的` : ""}前 ${zhSeconds(startMs)}。`,
  measuringPauses: (name) => `正在测量 ${name} 里的停顿...`,
  foundPauses: (count, name) => `在 ${name} 里找到 ${count} 处停顿`,
  couldNotMeasurePauses: (name) => `无法测量 ${name} 里的停顿`,
  energy: "正在声音里找干净的剪切点...",
  energyDone: "已测量声音，找到干净的剪切点",
  energyFailed: "无法测量声音：按词的时间剪切",
};

export const STEP_SENTENCES: Record<Lang, StepSentences> = { en, zh };
