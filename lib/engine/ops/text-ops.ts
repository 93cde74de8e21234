import { AppError } from "@/lib/errors";
import {
  TRACK_TEXT,
  type Draft,
  type Position,
  type TextSegment,
  type TextTrack,
  type Track,
} from "@/lib/draft/schema";
import { segmentsOf, tracksOf, withTracks } from "@/lib/draft/tracks";
import type { Op } from "@/lib/plan/schema";
import type { OpContext, OpResult } from "./types";
import {
  formatTime,
  insertTrack,
  isTitleTrack,
  requireClips,
  titleTracks,
  toMs,
  videoEnd,
} from "./timeline";

// Titles: free text the user asked for, on text tracks with role "titles". Two titles
// at the same time (a heading and a subtitle) go on separate tracks, since segments on
// one track never overlap.

type TextOp = Extract<Op, { op: "text" }>;
type TextStyleOp = Extract<Op, { op: "text_style" }>;

const TITLE_SIZE = 0.08;
const DEFAULT_TITLE_MS = 3000;

const COLORS: Record<string, string> = {
  white: "#FFFFFF",
  black: "#000000",
  red: "#FF3B30",
  yellow: "#FFD60A",
  green: "#34C759",
  blue: "#0A84FF",
  orange: "#FF9F0A",
  pink: "#FF2D55",
  purple: "#AF52DE",
  gray: "#8E8E93",
  grey: "#8E8E93",
  cyan: "#32D2F5",
  白色: "#FFFFFF",
  黑色: "#000000",
  红色: "#FF3B30",
  黄色: "#FFD60A",
  绿色: "#34C759",
  蓝色: "#0A84FF",
};

export function parseColor(input: string): string {
  const key = input.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(key)) return key.toUpperCase();
  if (/^#[0-9a-f]{3}$/.test(key))
    return `#${[...key.slice(1)].map((c) => c + c).join("")}`.toUpperCase();
  const named = COLORS[key];
  if (!named) {
    throw new AppError(
      "validation",
      `I do not know the colour "${input}". Use a name like white, yellow or red, or a code like #FFCC00.`,
      { field: "color" },
    );
  }
  return named;
}

const POSITION_WORDS: Record<Position, string> = {
  top: "at the top",
  center: "centered",
  bottom: "at the bottom",
  "top-left": "top left",
  "top-right": "top right",
  "bottom-left": "bottom left",
  "bottom-right": "bottom right",
};

/** User text as one clean string: no control characters, at most two line breaks kept. */
function cleanText(text: string): string {
  const clean = text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, " ")
    .trim();
  if (!clean)
    throw new AppError("validation", "The title is empty: say what it should read, in quotes.", {
      field: "text",
    });
  return clean;
}

export function addText(draft: Draft, op: TextOp, ctx: OpContext): OpResult {
  requireClips(draft);
  const end = videoEnd(draft);
  const st = toMs(op.start ?? 0);
  if (st >= end) {
    throw new AppError(
      "validation",
      `The video is only ${formatTime(end)} long, so text at ${formatTime(st)} would never show. Pick an earlier time.`,
      { field: "start" },
    );
  }
  const until = Math.min(op.end === undefined ? st + DEFAULT_TITLE_MS : toMs(op.end), end);
  if (until <= st)
    throw new AppError("validation", `The text must end after it starts (${formatTime(st)}).`, {
      field: "end",
    });
  const position = op.position ?? "center";
  const seg: TextSegment = {
    id: ctx.newId(),
    st,
    d: until - st,
    text: cleanText(op.text),
    kind: "title",
    position,
    size: op.size ?? TITLE_SIZE,
    color: "#FFFFFF",
    style: "bold",
  };
  const free = tracksOf(draft).findIndex(
    (t) => isTitleTrack(t) && segmentsOf(t).every((s) => s.st + s.d <= st || s.st >= until),
  );
  const t: Track[] =
    free >= 0
      ? tracksOf(draft).map((track, i) =>
          i === free
            ? { ...(track as TextTrack), sg: [...segmentsOf(track as TextTrack), seg] }
            : track,
        )
      : insertTrack(tracksOf(draft), {
          tt: TRACK_TEXT,
          sg: [seg],
          m: { name: "Titles", role: "titles" },
        });
  return {
    draft: { ...draft, t },
    summary: `Added the text "${seg.text}" ${POSITION_WORDS[position]}, from ${formatTime(st)} to ${formatTime(until)}.`,
    tip: `By hand: drag a Text (Title) generator onto a track above the video, stretch it from ${formatTime(st)} to ${formatTime(until)}, type the words and set the position in the inspector.`,
  };
}

function titles(draft: Draft): TextSegment[] {
  return titleTracks(draft).flatMap((t) => segmentsOf(t));
}

export function textStyle(draft: Draft, op: TextStyleOp): OpResult {
  const all = titles(draft).sort((a, b) => a.st - b.st);
  if (all.length === 0)
    throw new AppError(
      "validation",
      'There is no title to change yet: add one first, e.g. add the title "Hello".',
    );
  if (
    op.position === undefined &&
    op.scale === undefined &&
    op.color === undefined &&
    op.text === undefined
  ) {
    throw new AppError(
      "validation",
      "Say what to change about the title: its position, size, colour or words.",
    );
  }
  const color = op.color === undefined ? undefined : parseColor(op.color);
  const newText = op.text === undefined ? undefined : cleanText(op.text);
  // New words go to the last title on the timeline: the one a follow-up usually means.
  const reworded = all[all.length - 1];
  const change = (s: TextSegment): TextSegment => ({
    ...s,
    ...(op.position ? { position: op.position } : {}),
    ...(op.scale
      ? { size: Math.min(0.3, Math.max(0.01, Math.round(s.size * op.scale * 1000) / 1000)) }
      : {}),
    ...(color ? { color } : {}),
    ...(newText && s.id === reworded.id ? { text: newText } : {}),
  });
  const t = tracksOf(draft).map((track): Track =>
    isTitleTrack(track)
      ? { ...(track as TextTrack), sg: segmentsOf(track as TextTrack).map(change) }
      : track,
  );
  const parts: string[] = [];
  if (newText) parts.push(`changed "${reworded.text}" to "${newText}"`);
  if (op.position)
    parts.push(
      `moved ${all.length > 1 ? "the titles" : "the title"} to the ${op.position.replace("-", " ")}`,
    );
  if (op.scale)
    parts.push(
      `made ${all.length > 1 ? "the titles" : "the title"} ${op.scale >= 1 ? "bigger" : "smaller"} (x${op.scale})`,
    );
  if (color) parts.push(`coloured ${all.length > 1 ? "the titles" : "the title"} ${color}`);
  const text = parts.join(", ");
  return {
    draft: { ...draft, t },
    summary: `${text[0].toUpperCase()}${text.slice(1)}.`,
    tip: "By hand: select the title on its track and change position, size and colour in the text inspector (Titles / Text panel).",
  };
}

export function removeText(draft: Draft): OpResult {
  const all = titles(draft);
  if (all.length === 0) throw new AppError("validation", "There is no title or text to remove.");
  return {
    draft: withTracks(
      draft,
      tracksOf(draft).filter((t) => !isTitleTrack(t)),
    ),
    summary:
      all.length === 1 ? `Removed the text "${all[0].text}".` : `Removed ${all.length} titles.`,
    tip: "By hand: click each title on its track and press Delete.",
  };
}
