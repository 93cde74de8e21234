import "server-only";
import type { ExportRecord } from "@/lib/engine/exports/export-record";
import type { ExportJob } from "@/lib/export/schema";

// The app's URLs for what the engine and the cloud return as ids. Share links are made to
// be pasted elsewhere (a chat app, a social site), so outside the app they are absolute:
// the public origin (PUBLIC_URL or the request's) before `/s/<id>`.

/** Where an export's file downloads (the route answers the file or a presigned redirect). */
export function exportDownloadUrl(jobId: string): string {
  return `/api/exports/${encodeURIComponent(jobId)}/download`;
}

/** A finished preview as the studio's player loads it. */
export function previewPlayerUrl(jobId: string): string {
  return `${exportDownloadUrl(jobId)}?inline=1`;
}

/** The share page of `shareId`: `${origin}/s/<id>`, or the bare path without an origin. */
export function sharePageUrl(shareId: string, origin?: string | null): string {
  return `${origin ?? ""}/s/${encodeURIComponent(shareId)}`;
}

/**
 * The engine's export record as the app answers it: the download link once completed, the
 * share page (absolute with `origin`) and the caption files it has.
 */
export function exportJobView(rec: ExportRecord, origin?: string | null): ExportJob {
  const { shareId, hasSrt, hasVtt, ...job } = rec;
  const base = exportDownloadUrl(rec.id);
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    eta: job.eta,
    preset: job.preset,
    name: job.name,
    width: job.width,
    height: job.height,
    outputUrl: job.status === "completed" ? base : null,
    shareUrl: shareId ? sharePageUrl(shareId, origin) : null,
    srtUrl: hasSrt ? `${base}?format=srt` : null,
    vttUrl: hasVtt ? `${base}?format=vtt` : null,
    error: job.error,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}
