// Shared timeline sizes (px) and the ingest filmstrip layout they must match.

/** Frames in a media filmstrip sprite (lib/engine/ingest/derive-args.ts FILMSTRIP_FRAMES). */
export const FILMSTRIP_TILES = 10;
export const RULER_H = 24;
export const ROW_H = { video: 52, audio: 40, text: 32 } as const;
export const LABEL_W = 88;
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 32;
