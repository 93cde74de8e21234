"use client";

import { FILMSTRIP_TILES } from "./timeline-constants";

/**
 * Thumbnails along a video segment, cut from the media's filmstrip sprite (tiles side
 * by side, each the middle frame of an equal slice of the source).
 */
export function Filmstrip({ url, aspect, durationSec, inMs, outMs, widthPx, heightPx }: { url: string; aspect: number; durationSec: number; inMs: number; outMs: number; widthPx: number; heightPx: number }) {
  const tileW = Math.max(16, heightPx * aspect);
  const count = Math.max(1, Math.ceil(widthPx / tileW));
  const spanMs = outMs - inMs;
  const tiles = Array.from({ length: count }, (_, i) => {
    const t = inMs + ((i + 0.5) / count) * spanMs;
    const index = durationSec > 0 ? Math.min(FILMSTRIP_TILES - 1, Math.max(0, Math.floor((t / 1000 / durationSec) * FILMSTRIP_TILES))) : 0;
    return index;
  });
  return (
    <div aria-hidden data-testid="filmstrip" className="absolute inset-0 flex overflow-hidden opacity-90">
      {tiles.map((index, i) => (
        <div
          key={i}
          className="h-full shrink-0 bg-no-repeat"
          style={{
            width: tileW,
            backgroundImage: `url("${url}")`,
            backgroundSize: `${tileW * FILMSTRIP_TILES}px ${heightPx}px`,
            backgroundPosition: `${-index * tileW}px 0`,
          }}
        />
      ))}
    </div>
  );
}
