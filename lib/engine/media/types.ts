import type { MediaKind } from "@/lib/media/schema";

// What the engine knows about one stored media item. The ingest module writes these;
// ops, analysis, captions and the renderer read them.

export interface ProbeInfo {
  /** ms; 0 for still images. */
  durationMs: number;
  /** Coded size as stored (before display rotation). */
  width: number;
  height: number;
  /** Display rotation from container/side data: 0, 90, 180, 270. */
  rotation: number;
  /** Average frame rate. */
  fps: number;
  /** Variable frame rate (r_frame_rate and avg_frame_rate disagree). */
  vfr: boolean;
  videoCodec: string | null;
  audioCodec: string | null;
  pixFmt: string | null;
  /** H.264 profile etc., when known. */
  profile: string | null;
  hasVideo: boolean;
  hasAudio: boolean;
  sampleRate: number | null;
  channels: number | null;
  /** Container format name from ffprobe (e.g. "mov,mp4,m4a,3gp,3g2,mj2"). */
  container: string;
  bitRate: number | null;
  /** A sound file with cover art (an mp3/m4a attached picture): an audiogram's background. */
  hasCover?: boolean;
}

export interface MediaRecord {
  id: string;
  sessionId: string;
  kind: MediaKind;
  /** Original file name, cleaned. */
  name: string;
  size: number;
  /** Absolute path of the stored source file. */
  path: string;
  /** sha256 of the content. */
  hash: string;
  probe: ProbeInfo;
  /** Absolute paths of derived files, when made. */
  poster: string | null;
  filmstrip: string | null;
  peaks: string | null;
  proxy: string | null;
  proxyStatus: "none" | "pending" | "ready" | "failed";
  createdAt: number;
  /** Source format decided from the content (lib/engine/ingest/sniff-format.ts): "mp4", "mov", "mkv", "png"... */
  format?: string;
  /** Filmstrip and peaks are made in the background: "pending" until they are done (or given up). */
  extrasStatus?: "pending" | "done";
  /** A video's poster is made in the background: "pending" until it is made (or given up). */
  posterStatus?: "pending" | "done";
}

/** Display size after rotation: what a viewer sees. */
export function displaySize(p: Pick<ProbeInfo, "width" | "height" | "rotation">): {
  width: number;
  height: number;
} {
  const quarter = Math.abs(p.rotation) % 180 === 90;
  return quarter ? { width: p.height, height: p.width } : { width: p.width, height: p.height };
}
