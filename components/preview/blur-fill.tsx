"use client";

import { useEffect, useRef } from "react";

// The live preview's "blurred fill": what the render puts behind a source of another
// shape (a blurred, enlarged copy of itself), drawn from the playing <video> into a
// small canvas every frame and softened by CSS, so no second decoder is needed.

const W = 96;

export function BlurFill({
  source,
  aspect,
}: {
  source: React.RefObject<HTMLVideoElement | HTMLImageElement | null>;
  aspect: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let raf = 0;
    const draw = () => {
      const el = source.current;
      const ctx = canvas.current?.getContext("2d");
      if (el && ctx) {
        const sw = el instanceof HTMLVideoElement ? el.videoWidth : el.naturalWidth;
        const sh = el instanceof HTMLVideoElement ? el.videoHeight : el.naturalHeight;
        const ready = el instanceof HTMLVideoElement ? el.readyState >= 2 : el.complete;
        if (ready && sw && sh) {
          // Cover the frame, as the render's scale-and-crop does before blurring.
          const cw = ctx.canvas.width;
          const ch = ctx.canvas.height;
          const scale = Math.max(cw / sw, ch / sh);
          const dw = sw * scale;
          const dh = sh * scale;
          ctx.drawImage(el, (cw - dw) / 2, (ch - dh) / 2, dw, dh);
        }
      }
      raf = requestAnimationFrame(draw);
    };
    raf = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(raf);
  }, [source]);
  return (
    <canvas
      ref={canvas}
      aria-hidden
      data-testid="preview-blur-fill"
      width={W}
      height={Math.max(1, Math.round(W / aspect))}
      className="absolute inset-0 h-full w-full scale-110 blur-xl brightness-90"
    />
  );
}
