"use client";

import { clsx } from "clsx";
import type { TextSegment } from "@/lib/draft/schema";

const POSITION: Record<string, string> = {
  top: "top-[6%] inset-x-0 justify-center",
  center: "top-1/2 -translate-y-1/2 inset-x-0 justify-center",
  bottom: "bottom-[7%] inset-x-0 justify-center",
  "top-left": "top-[6%] left-[4%]",
  "top-right": "top-[6%] right-[4%]",
  "bottom-left": "bottom-[7%] left-[4%]",
  "bottom-right": "bottom-[7%] right-[4%]",
};

/**
 * Captions and titles drawn by the browser over the source preview, so text edits show
 * at once; the rendered preview and the export burn them in with ffmpeg instead.
 */
export function CaptionOverlay({
  segments,
  heightPx,
  currentMs,
}: {
  segments: TextSegment[];
  heightPx: number;
  currentMs: number;
}) {
  return (
    <div aria-hidden className="pointer-events-none absolute inset-0" data-testid="caption-overlay">
      {segments.map((s) => {
        const fontSize = Math.max(10, s.size * heightPx);
        const bold = s.style === "bold" || s.kind === "title";
        return (
          <div
            key={s.id}
            className={clsx("absolute flex px-[4%]", POSITION[s.position] ?? POSITION.bottom)}
          >
            <span
              className={clsx(
                "max-w-full text-center leading-tight",
                bold ? "font-extrabold" : "font-semibold",
                s.style === "highlight" && s.kind === "caption" && "rounded bg-black/60 px-2",
              )}
              style={{
                fontSize,
                color: s.color,
                textShadow: "0 0 4px rgba(0,0,0,.9), 0 2px 3px rgba(0,0,0,.8)",
              }}
            >
              {s.style === "highlight" && s.words?.length
                ? s.words.map((w, i) => (
                    <span
                      key={i}
                      style={currentMs >= w.s && currentMs < w.e ? { color: "#FFE14D" } : undefined}
                    >
                      {w.w}{" "}
                    </span>
                  ))
                : s.text}
            </span>
          </div>
        );
      })}
    </div>
  );
}
