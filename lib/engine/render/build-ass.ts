import type { Position, TextSegment, TextTrack } from "@/lib/draft/schema";
import { segmentsOf } from "@/lib/draft/tracks";

// Text tracks as an ASS subtitle file for libass: titles and captions are burned in
// from this file, so no user text ever reaches the filtergraph. PlayRes equals the
// output frame, so sizes (fractions of the height) and margins map 1:1 to pixels.

/** ASS numpad alignment for each position. */
const ALIGN: Record<Position, number> = {
  "bottom-left": 1,
  bottom: 2,
  "bottom-right": 3,
  center: 5,
  "top-left": 7,
  top: 8,
  "top-right": 9,
};

/** ASS time: h:mm:ss.cc (centiseconds). */
export function assTime(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const c = cs % 100;
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(c).padStart(2, "0")}`;
}

/** #RRGGBB -> ASS &HAABBGGRR (alpha 00 = opaque). */
export function assColor(hex: string, alpha = 0): string {
  const rr = hex.slice(1, 3);
  const gg = hex.slice(3, 5);
  const bb = hex.slice(5, 7);
  const aa = alpha.toString(16).padStart(2, "0");
  return `&H${aa}${bb}${gg}${rr}`.toUpperCase();
}

/**
 * User text -> ASS dialogue text: braces would open override blocks, so they become
 * look-alike full-width braces; a backslash gets an invisible word joiner after it so
 * it can never form \N or \h; line breaks become \N.
 */
export function escapeAssText(text: string): string {
  return text
    .replace(/\\/g, "\\\u2060")
    .replace(/\{/g, "\uFF5B")
    .replace(/\}/g, "\uFF5D")
    .replace(/\r\n|\r|\n/g, "\\N");
}

interface StyleLine {
  name: string;
  fontSize: number;
  primary: string;
  secondary: string;
  outlineColor: string;
  back: string;
  bold: boolean;
  borderStyle: 1 | 3;
  outline: number;
  shadow: number;
  align: number;
  marginV: number;
  marginH: number;
}

function styleLine(s: StyleLine): string {
  return [
    `Style: ${s.name}`,
    "DejaVu Sans",
    s.fontSize,
    s.primary,
    s.secondary,
    s.outlineColor,
    s.back,
    s.bold ? -1 : 0,
    0,
    0,
    0,
    100,
    100,
    0,
    0,
    s.borderStyle,
    s.outline,
    s.shadow,
    s.align,
    s.marginH,
    s.marginH,
    s.marginV,
    1,
  ].join(",");
}

/** One style per distinct look, named by its parameters so equal segments share it. */
function styleFor(seg: TextSegment, width: number, height: number): StyleLine {
  const base = Math.max(8, Math.round(seg.size * height));
  const marginV = Math.round(height * 0.06);
  const marginH = Math.round(width * 0.05);
  const align = ALIGN[seg.position];
  const color = assColor(seg.color);
  if (seg.kind === "title") {
    return {
      name: "",
      fontSize: base,
      primary: color,
      secondary: color,
      outlineColor: "&H00000000",
      back: "&H80000000",
      bold: true,
      borderStyle: 1,
      outline: Math.max(1, Math.round(base * 0.06)),
      shadow: 1,
      align,
      marginV,
      marginH,
    };
  }
  if (seg.style === "bold") {
    const size = Math.round(base * 1.3);
    return {
      name: "",
      fontSize: size,
      primary: color,
      secondary: color,
      outlineColor: "&H00000000",
      back: "&H00000000",
      bold: true,
      borderStyle: 1,
      outline: Math.max(2, Math.round(size * 0.09)),
      shadow: 0,
      align,
      marginV,
      marginH,
    };
  }
  if (seg.style === "highlight") {
    // Karaoke: words are drawn in the secondary colour until spoken, then the primary.
    return {
      name: "",
      fontSize: base,
      primary: assColor("#FFD400"),
      secondary: color,
      outlineColor: "&H00000000",
      back: "&H00000000",
      bold: true,
      borderStyle: 1,
      outline: Math.max(2, Math.round(base * 0.07)),
      shadow: 0,
      align,
      marginV,
      marginH,
    };
  }
  // classic: a translucent box behind the text, as broadcast captions look.
  return {
    name: "",
    fontSize: base,
    primary: color,
    secondary: color,
    outlineColor: "&H60000000",
    back: "&H60000000",
    bold: false,
    borderStyle: 3,
    outline: Math.max(2, Math.round(base * 0.25)),
    shadow: 0,
    align,
    marginV,
    marginH,
  };
}

/** Dialogue text for the highlight style: \k timings from the cue's words. */
export function karaokeText(seg: TextSegment): string {
  const words = seg.words?.filter((w) => w.e >= w.s) ?? [];
  if (words.length === 0) return escapeAssText(seg.text);
  const parts: string[] = [];
  let cursor = seg.st;
  for (const [i, w] of words.entries()) {
    const start = Math.max(cursor, w.s);
    if (start > cursor) parts.push(`{\\k${Math.round((start - cursor) / 10)}}`);
    const next = words[i + 1];
    const end = Math.max(start, next ? Math.max(w.e, next.s) : w.e);
    parts.push(
      `{\\k${Math.max(1, Math.round((end - start) / 10))}}${escapeAssText(w.w)}${i < words.length - 1 ? " " : ""}`,
    );
    cursor = end;
  }
  return parts.join("");
}

export function buildAss(tracks: TextTrack[], width: number, height: number): string {
  const styles = new Map<string, StyleLine>();
  const events: string[] = [];
  // Later tracks draw on top: ASS layers follow track order.
  for (const [layer, track] of tracks.entries()) {
    for (const seg of segmentsOf(track)) {
      if (seg.d <= 0) continue;
      const s = styleFor(seg, width, height);
      const key = JSON.stringify({ ...s, name: "" });
      let name = [...styles.entries()].find(
        ([, v]) => JSON.stringify({ ...v, name: "" }) === key,
      )?.[0];
      if (!name) {
        name = `S${styles.size + 1}`;
        styles.set(name, { ...s, name });
      }
      const text =
        seg.kind === "caption" && seg.style === "highlight"
          ? karaokeText(seg)
          : escapeAssText(seg.text);
      events.push(
        `Dialogue: ${layer},${assTime(seg.st)},${assTime(seg.st + seg.d)},${name},,0,0,0,,${text}`,
      );
    }
  }
  return [
    "[Script Info]",
    "ScriptType: v4.00+",
    `PlayResX: ${width}`,
    `PlayResY: ${height}`,
    "WrapStyle: 0",
    "ScaledBorderAndShadow: yes",
    "YCbCr Matrix: TV.709",
    "",
    "[V4+ Styles]",
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding",
    ...[...styles.values()].map(styleLine),
    "",
    "[Events]",
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ...events,
    "",
  ].join("\n");
}
