import type { Op } from "@/lib/plan/schema";
import type { OpResult } from "../ops/types";
import { tipZh } from "../ops/tips-zh";
import { describeOpZh } from "../planner/describe-ops-zh";
import { formatTime } from "../planner/describe-ops";
import type { Lang } from "../planner/sentences";
import { NOTHING_TO_EDIT } from "./quick-replies";

// What the agent says around the plan, per language of the request. English keeps the
// ops' own summaries and tips (they carry facts found while applying: where speech
// starts, how many pauses went); Chinese says the same edit from the op and the
// resulting length, and teaches with the Chinese tip table.

export interface TurnSentences {
  /** After an op: what changed. `changed` is false when the op found nothing to do. */
  done(op: Op, result: OpResult, changed: boolean, lengthAfterSec: number): string;
  tip(op: Op, result: OpResult): string;
  nothingToEdit: string;
  undone(label: string): string;
  redone(label: string): string;
  exporting(what: string): string;
  ready(name: string | undefined, size: string, shareLink?: string): string;
}

const en: TurnSentences = {
  done: (_op, r) => r.summary,
  tip: (_op, r) => r.tip,
  nothingToEdit: NOTHING_TO_EDIT,
  undone: (label) => `Undone: ${label}`,
  redone: (label) => `Redone: ${label}`,
  exporting: (what) => `Exporting ${what}...`,
  ready: (name, size, link) =>
    `${name ? `"${name}" is ready` : "Your video is ready"}${size}: download it from the export panel${link ? ` or share this link: ${link}` : ""}.`,
};

const zh: TurnSentences = {
  done: (op, _r, changed, after) =>
    changed
      ? `已完成：${describeOpZh(op)}。视频现在长 ${formatTime(after).replace(/ s$/, " 秒")}。`
      : `没有需要改动的地方：${describeOpZh(op)}（视频保持原样）。`,
  tip: (op) => tipZh(op),
  nothingToEdit: "请先添加一个片段：把视频拖到页面上（或上传），再告诉我要怎么剪。",
  undone: () => "已撤销上一步修改。",
  redone: () => "已重做刚才撤销的修改。",
  exporting: (what) => `正在导出 ${what}……`,
  ready: (name, size, link) =>
    `${name ? `“${name}”` : "你的视频"}已导出${size}：可在导出面板下载${link ? `，或分享这个链接：${link}` : ""}。`,
};

export const TURN_SENTENCES: Record<Lang, TurnSentences> = { en, zh };
