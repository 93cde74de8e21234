"use client";

import { FILMSTRIP_TILES } from "./timeline-constants";

/**
 * Thumbnails along a video segment, cut from the media's filmstrip sprite (tiles side
 * by side, each the middle frame of an equal slice of the source). Only the tiles in
 * [fromPx, toPx) of the segment are drawn: a zoomed hour-long clip stays a few dozen.
 */
export function Filmstrip({
  url,
  aspect,
  durationSec,
  inMs,
  outMs,
  widthPx,
  heightPx,
  fromPx = 0,
  toPx = widthPx,
}: {
  url: string;
  aspect: number;
  durationSec: number;
  inMs: number;
  outMs: number;
  widthPx: number;
  heightPx: number;
  fromPx?: number;
  toPx?: number;
}) {
  const tileW = Math.max(16, heightPx * aspect);
  const count = Math.max(1, Math.ceil(widthPx / tileW));
  const spanMs = outMs - inMs;
  const first = Math.max(0, Math.floor(fromPx / tileW));
  const last = Math.min(count, Math.ceil(toPx / tileW));
  const tiles: { i: number; index: number }[] = [];
  for (let i = first; i < last; i++) {
    const t = inMs + ((i + 0.5) / count) * spanMs;
    const index =
      durationSec > 0
        ? Math.min(
            FILMSTRIP_TILES - 1,
            Math.max(0, Math.floor((t / 1000 / durationSec) * FILMSTRIP_TILES)),
          )
        : 0;
    tiles.push({ i, index });
  }
  return (
    <div
      aria-hidden
      data-testid="filmstrip"
      className="pointer-events-none absolute inset-0 overflow-hidden opacity-90"
    >
      {tiles.map(({ i, index }) => (
        <div
          key={i}
          className="absolute inset-y-0 bg-no-repeat"
          style={{
            left: i * tileW,
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
