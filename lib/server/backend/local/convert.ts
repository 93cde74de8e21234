import "server-only";
import type { SessionRow } from "@/lib/engine/sessions/sessions";
import type { Project } from "@/lib/state/schema";
import type { MediaItem } from "@/lib/media/schema";
import { displaySize, type MediaRecord } from "@/lib/engine/media/types";

export const iso = (ms: number) => new Date(ms).toISOString();

export function toProject(row: SessionRow): Project {
  return {
    id: row.id,
    title: row.title,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
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
    hasCover: !!m.probe.hasCover,
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
