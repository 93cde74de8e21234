import type { CaptionStyle, Position, TextSegment } from "@/lib/draft/schema";
import type { CaptionCue } from "../captions/layout-captions";

// What each caption look means on the draft: classic is small text in a box at the
// bottom, bold is large outlined text, highlight lights up each word as it is said.
// The renderer reads style/size/position per cue; cues of one track share them.

export type CaptionLook = Pick<TextSegment, "style" | "size" | "position" | "color">;

export const CAPTION_LOOKS: Record<CaptionStyle, CaptionLook> = {
  classic: { style: "classic", size: 0.05, position: "bottom", color: "#FFFFFF" },
  bold: { style: "bold", size: 0.075, position: "bottom", color: "#FFFFFF" },
  highlight: { style: "highlight", size: 0.065, position: "bottom", color: "#FFFFFF" },
};

export function captionSegments(
  cues: CaptionCue[],
  look: CaptionLook,
  newId: () => string,
): TextSegment[] {
  return cues.map((c) => ({
    id: newId(),
    st: c.st,
    d: c.d,
    text: c.text,
    kind: "caption",
    style: look.style,
    size: look.size,
    position: look.position as Position,
    color: look.color,
    // Cues may have been shortened to end with the video: words never outlast their cue.
    words: c.words.map((w) => ({
      w: w.w,
      s: Math.min(w.s, c.st + c.d),
      e: Math.min(w.e, c.st + c.d),
    })),
  }));
}
