import type { Draft, TextSegment } from "@/lib/draft/schema";
import { segmentsOf, textTracks } from "@/lib/draft/tracks";

// The draft's captions as SubRip (.srt) and WebVTT (.vtt) files, offered beside the
// exported video. Only caption cues go in (a captions track, or cues marked "caption");
// titles are part of the picture, not of the subtitles.

export function captionCues(draft: Draft): TextSegment[] {
  const cues: TextSegment[] = [];
  for (const track of textTracks(draft)) {
    for (const seg of segmentsOf(track)) {
      if (seg.d > 0 && (track.m.role === "captions" || seg.kind === "caption")) cues.push(seg);
    }
  }
  return cues.sort((a, b) => a.st - b.st);
}

function stamp(ms: number, sep: "," | "."): string {
  const t = Math.max(0, Math.round(ms));
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor((t % 3_600_000) / 60_000);
  const s = Math.floor((t % 60_000) / 1000);
  const f = t % 1000;
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(h)}:${p(m)}:${p(s)}${sep}${p(f, 3)}`;
}

/** Cue text with blank lines removed: a blank line would end the cue early. */
const cueText = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n");

export function toSrt(cues: TextSegment[]): string {
  return cues
    .map(
      (c, i) => `${i + 1}\n${stamp(c.st, ",")} --> ${stamp(c.st + c.d, ",")}\n${cueText(c.text)}\n`,
    )
    .join("\n");
}

export function toVtt(cues: TextSegment[]): string {
  // "-->" inside text would read as a timing line; "&" and "<" start entities and tags.
  const escape = (t: string) =>
    cueText(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/-->/g, "--&gt;");
  const body = cues
    .map((c) => `${stamp(c.st, ".")} --> ${stamp(c.st + c.d, ".")}\n${escape(c.text)}\n`)
    .join("\n");
  return `WEBVTT\n\n${body}`;
}
