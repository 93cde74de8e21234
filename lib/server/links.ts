import "server-only";

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

/** The job with its share link made absolute; a link that already is stays as it is. */
export function withAbsoluteShare<T extends { shareUrl: string | null }>(job: T, origin: string): T {
  return job.shareUrl && job.shareUrl.startsWith("/") ? { ...job, shareUrl: `${origin}${job.shareUrl}` } : job;
}
