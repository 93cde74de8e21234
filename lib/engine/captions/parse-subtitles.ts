import { AppError } from "@/lib/errors";

// Reads the subtitle files people actually have: SRT and WebVTT as written by editors,
// YouTube, Premiere and hand, with byte-order marks, Windows line ends, missing hours,
// "." or "," before the milliseconds, cue settings, and styling tags. Anything we cannot
// read is reported with the line number, so the user can fix the file.

export interface SubtitleCue {
  /** ms from the start of the video. */
  start: number;
  end: number;
  /** Plain text, tags removed; lines joined with "\n". */
  text: string;
}

export interface ParsedSubtitles {
  format: "srt" | "vtt";
  cues: SubtitleCue[];
}

/** Longest cue text a caption segment can hold (lib/draft/schema.ts). */
export const MAX_CUE_CHARS = 500;
export const MAX_CUES = 5000;

const TIMING = /^\s*(\S+)\s+-->\s+(\S+)(?:\s.*)?$/;
const TIMING_LOOSE = /-->/;
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

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", nbsp: " ", quot: '"', apos: "'", lrm: "", rlm: "" };

/** Removes HTML-ish tags (<i>, <font>, <c.x>, <v Name>, <00:01.000>) and ASS overrides ({\an8}). */
export function cleanCueText(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, "")
    .replace(/\{\\[^}]*\}/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
      }
      return ENTITIES[name.toLowerCase()] ?? all;
    })
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

function fail(line: number, message: string): never {
  throw new AppError("validation", `Line ${line}: ${message}`, { field: "file", details: { line } });
}

export function parseSubtitles(input: string): ParsedSubtitles {
  const lines = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const isVtt = /^WEBVTT(?:[ \t].*)?$/.test(lines[0]?.trim() ?? "");
  const cues: SubtitleCue[] = [];
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
    if (isVtt && /^(NOTE|STYLE|REGION)(\s|$)/.test(line) && !TIMING_LOOSE.test(line)) {
      skipBlock();
      continue;
    }
    if (!TIMING_LOOSE.test(line)) {
      const next = lines[i + 1]?.trim() ?? "";
      if (TIMING_LOOSE.test(next)) {
        i++; // a cue number (SRT) or identifier (VTT)
        continue;
      }
      // A blank line inside a cue's text splits it in two; keep the text with its cue.
      const prev = cues[cues.length - 1];
      if (!prev) fail(i + 1, `expected a caption number or a time like "00:00:01,000 --> 00:00:03,000" but found "${clip(line)}".`);
      const extra = cleanCueText(collectText());
      if (extra) prev.text = `${prev.text}\n${extra}`;
      checkLength(prev, i);
      continue;
    }

    const lineNo = i + 1;
    const m = TIMING.exec(line);
    const start = m ? parseTimestamp(m[1]) : null;
    const end = m ? parseTimestamp(m[2]) : null;
    if (!m || start === null || end === null) {
      fail(lineNo, `"${clip(line)}" is not a valid time range; write it like "00:00:01,000 --> 00:00:03,000".`);
    }
    if (end <= start) fail(lineNo, `this caption ends (${m[2]}) before it starts (${m[1]}).`);
    i++;
    const text = cleanCueText(collectText());
    if (!text) continue;
    const cue = { start, end, text };
    checkLength(cue, lineNo);
    cues.push(cue);
    if (cues.length > MAX_CUES) fail(lineNo, `the file has more than ${MAX_CUES} captions, which is more than a video can use.`);
  }

  if (cues.length === 0) {
    throw new AppError("validation", "This file has no captions in it. Choose an .srt or .vtt file with timed text.", { field: "file" });
  }
  cues.sort((a, b) => a.start - b.start || a.end - b.end);
  return { format: isVtt ? "vtt" : "srt", cues };

  function collectText(): string {
    const text: string[] = [];
    while (i < lines.length && lines[i].trim() !== "" && !TIMING_LOOSE.test(lines[i])) {
      // Files with no blank line between cues: a line followed by a time range is the next cue's number.
      if (TIMING_LOOSE.test(lines[i + 1] ?? "")) break;
      text.push(lines[i++]);
    }
    return text.join("\n");
  }
}

function checkLength(cue: SubtitleCue, line: number): void {
  if (cue.text.length > MAX_CUE_CHARS) {
    fail(line, `this caption is longer than ${MAX_CUE_CHARS} characters; split it into shorter captions.`);
  }
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
