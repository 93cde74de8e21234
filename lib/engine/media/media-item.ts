import type { MediaItem } from "@/lib/media/schema";
import { AppError } from "@/lib/errors";
import { contentTypeOf, type SourceFormat } from "../ingest/sniff-format";
import { displaySize, type MediaRecord } from "./types";

// How a stored media record looks from the outside: the browser's MediaItem and the
// files behind its URLs (/api/media/<id>/<variant>).

export type MediaVariant = "source" | "play" | "poster" | "filmstrip" | "peaks";

export interface MediaFileInfo {
  path: string;
  contentType: string;
  /** Never changes for this URL (derived files, the source). */
  immutable: boolean;
  filename?: string;
}

export function mediaFileOf(m: MediaRecord, variant: MediaVariant): MediaFileInfo {
  const missing = () => new AppError("not_found", `This clip has no ${variant} yet. It may still be in preparation; try again in a moment.`);
  const sourceType = contentTypeOf((m.format || "mp4") as SourceFormat, m.kind);
  switch (variant) {
    case "source":
      return { path: m.path, contentType: sourceType, immutable: true, filename: m.name };
    case "play":
      if (m.proxyStatus === "ready" && m.proxy) return { path: m.proxy, contentType: m.kind === "audio" ? "audio/mp4" : "video/mp4", immutable: true };
      // Browsers play H.264 .mov through their MP4 demuxer when told it is MP4.
      return { path: m.path, contentType: sourceType === "video/quicktime" ? "video/mp4" : sourceType, immutable: false };
    case "poster":
      if (!m.poster) throw missing();
      return { path: m.poster, contentType: "image/jpeg", immutable: true };
    case "filmstrip":
      if (!m.filmstrip) throw missing();
      return { path: m.filmstrip, contentType: "image/jpeg", immutable: true };
    case "peaks":
      if (!m.peaks) throw missing();
      return { path: m.peaks, contentType: "application/json", immutable: true };
  }
}

/** What the browser sees. Sizes are as displayed (rotation applied); `rotation` says what was applied. */
export function toItem(m: MediaRecord): MediaItem {
  const base = `/api/media/${m.id}`;
  const shown = displaySize(m.probe);
  return {
    id: m.id,
    kind: m.kind,
    name: m.name,
    size: m.size,
    // A new URL once the proxy is ready, so players pick it up instead of a cached source.
    url: m.proxyStatus === "ready" ? `${base}/play?v=proxy` : `${base}/play`,
    duration: m.probe.durationMs / 1000,
    width: shown.width,
    height: shown.height,
    fps: m.probe.fps,
    vfr: m.probe.vfr,
    rotation: m.probe.rotation,
    hasAudio: m.probe.hasAudio,
    videoCodec: m.probe.videoCodec,
    audioCodec: m.probe.audioCodec,
    hash: m.hash,
    posterUrl: m.poster ? `${base}/poster` : null,
    filmstripUrl: m.filmstrip ? `${base}/filmstrip` : null,
    peaksUrl: m.peaks ? `${base}/peaks` : null,
    previews: m.posterStatus === "pending" || m.extrasStatus === "pending" ? "pending" : "ready",
    proxy: m.proxyStatus,
    createdAt: new Date(m.createdAt).toISOString(),
  };
}
