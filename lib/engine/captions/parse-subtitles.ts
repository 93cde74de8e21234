import { AppError } from "@/lib/errors";

// Reads the subtitle files people actually have: SRT and WebVTT as written by editors,
// YouTube, Premiere and hand, with byte-order marks, Windows line ends, missing hours,
// "." or "," before the milliseconds, cue settings, and styling tags. Like the lenient
// players (VLC, mpv, browsers) it also takes cues without numbers or blank lines, "->"
// arrows and two-digit fractions; a cue it cannot use (broken time, zero length, no
// text) is skipped and listed with its line number, so the user knows what was left out.
// A file with no time ranges at all is not a captions file and is refused.

export interface SubtitleCue {
  /** ms from the start of the video. */
  start: number;
  end: number;
  /** Plain text, tags removed; lines joined with "\n". */
  text: string;
}

/** A cue left out of the file, with the line its time range is on. */
export interface SkippedCue {
  line: number;
  reason: string;
}

export interface ParsedSubtitles {
  format: "srt" | "vtt";
  cues: SubtitleCue[];
  skipped: SkippedCue[];
}

/** Longest cue text a caption segment can hold (lib/draft/schema.ts). */
export const MAX_CUE_CHARS = 500;
export const MAX_CUES = 5000;

// "-->" with or without spaces, or the "->" some tools write.
const TIMING = /^\s*(\S+?)\s*-{1,2}>\s*(\S+)(?:\s.*)?$/;
const STAMP = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,:](\d{1,3}))?$/;

/** "01:02:03,5" / "02:03.500" -> ms, or null when it is not a time. */
export function parseTimestamp(raw: string): number | null {
  const m = STAMP.exec(raw.trim());
  if (!m) return null;
  const [, h, mm, ss, frac] = m;
  const minutes = Number(mm);
  const seconds = Number(ss);
  if (seconds > 59 || (h !== undefined && minutes > 59)) return null;
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  return ((Number(h ?? 0) * 60 + minutes) * 60 + seconds) * 1000 + ms;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  nbsp: " ",
  quot: '"',
  apos: "'",
  lrm: "",
  rlm: "",
};

/** Removes HTML-ish tags (<i>, <font>, <c.x>, <v Name>, <00:01.000>) and ASS overrides ({\an8}). */
export function cleanCueText(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, "")
    .replace(/\{\\[^}]*\}/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, name: string) => {
      if (name[0] === "#") {
        const code =
          name[1] === "x" || name[1] === "X"
            ? parseInt(name.slice(2), 16)
            : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000
          ? String.fromCodePoint(code)
          : "";
      }
      return ENTITIES[name.toLowerCase()] ?? all;
    })
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

function fail(line: number, message: string): never {
  throw new AppError("validation", `Line ${line}: ${message}`, {
    field: "file",
    details: { line },
  });
}

/** A line that is meant as a time range: any "-->", or "->" between two real times. */
function isTimingLine(line: string): boolean {
  if (line.includes("-->")) return true;
  const m = TIMING.exec(line);
  return m !== null && parseTimestamp(m[1]) !== null && parseTimestamp(m[2]) !== null;
}

export function parseSubtitles(input: string): ParsedSubtitles {
  const lines = input
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const isVtt = /^WEBVTT(?:[ \t].*)?$/.test(lines[0]?.trim() ?? "");
  const timing = lines.map(isTimingLine);
  const cues: SubtitleCue[] = [];
  const skipped: SkippedCue[] = [];
  let i = 0;

  const skipBlock = () => {
    while (i < lines.length && lines[i].trim() !== "") i++;
  };

  if (isVtt) skipBlock(); // header and its metadata lines
  while (i < lines.length) {
    const line = lines[i].trim();
    if (line === "") {
      i++;
      continue;
    }
    if (isVtt && /^(NOTE|STYLE|REGION)(\s|$)/.test(line) && !timing[i]) {
      skipBlock();
      continue;
    }
    if (!timing[i]) {
      if (isCueId(i)) {
        i++; // a cue number (SRT) or identifier (VTT)
        continue;
      }
      // A blank line inside a cue's text splits it in two; keep the text with its cue.
      const prev = cues[cues.length - 1];
      const lineNo = i + 1;
      const extra = cleanCueText(collectText());
      if (!prev) {
        if (extra) skipped.push({ line: lineNo, reason: "text outside any caption" });
        continue;
      }
      if (extra && prev.text.length + extra.length < MAX_CUE_CHARS)
        prev.text = `${prev.text}\n${extra}`;
      continue;
    }

    const lineNo = i + 1;
    const m = TIMING.exec(line);
    const start = m ? parseTimestamp(m[1]) : null;
    const end = m ? parseTimestamp(m[2]) : null;
    i++;
    const text = cleanCueText(collectText());
    const reason =
      !m || start === null || end === null
        ? `"${clip(line)}" is not a time range like "00:00:01,000 --> 00:00:03,000"`
        : end === start
          ? "starts and ends at the same time"
          : end < start
            ? `ends (${m[2]}) before it starts (${m[1]})`
            : !text
              ? "has no text"
              : text.length > MAX_CUE_CHARS
                ? `longer than ${MAX_CUE_CHARS} characters`
                : null;
    if (reason !== null) {
      skipped.push({ line: lineNo, reason });
      continue;
    }
    cues.push({ start: start!, end: end!, text });
    if (cues.length > MAX_CUES)
      fail(
        lineNo,
        `the file has more than ${MAX_CUES} captions, which is more than a video can use.`,
      );
  }

  if (cues.length === 0) {
    if (!timing.some(Boolean)) {
      throw new AppError(
        "validation",
        'This is not a captions file: it has no time ranges like "00:00:01,000 --> 00:00:03,000". Choose an .srt or .vtt file with timed text.',
        { field: "file" },
      );
    }
    if (skipped.length === 0 || skipped.every((s) => s.reason === "has no text")) {
      throw new AppError(
        "validation",
        "This file has no captions in it. Choose an .srt or .vtt file with timed text.",
        { field: "file" },
      );
    }
    throw new AppError(
      "validation",
      `None of the captions in this file could be used: ${describeSkipped(skipped)}. Fix those lines and upload it again.`,
      {
        field: "file",
        details: { line: skipped[0].line },
      },
    );
  }
  cues.sort((a, b) => a.start - b.start || a.end - b.end);
  return { format: isVtt ? "vtt" : "srt", cues, skipped };

  /**
   * A line just before a time range is that cue's number (SRT) or identifier (WebVTT,
   * where it follows a blank line); any other line there is the previous cue's text.
   */
  function isCueId(at: number): boolean {
    if (!timing[at + 1]) return false;
    return /^\d+$/.test(lines[at].trim()) || (isVtt && (at === 0 || lines[at - 1].trim() === ""));
  }

  function collectText(): string {
    const text: string[] = [];
    while (i < lines.length && lines[i].trim() !== "" && !timing[i]) {
      // Files with no blank line between cues: the next cue's number ends this one's text.
      if (isCueId(i)) break;
      text.push(lines[i++]);
    }
    return text.join("\n");
  }
}

/** "line 4 (has no text), line 9 (starts and ends at the same time)", the first few only. */
export function describeSkipped(skipped: SkippedCue[], max = 5): string {
  const shown = skipped.slice(0, max).map((s) => `line ${s.line} (${s.reason})`);
  const more = skipped.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
