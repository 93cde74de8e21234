import type { ExportJob } from "@/lib/export/schema";

// An export as the engine knows it: ids and which files it has. The app's URLs for them
// (download, share page, caption files) are made in lib/server/links.ts, so the engine
// never knows the routes that serve it.

export interface ExportRecord extends Omit<
  ExportJob,
  "outputUrl" | "shareUrl" | "srtUrl" | "vttUrl"
> {
  /** The active share link's id, while the finished export is shared. */
  shareId: string | null;
  /** The finished export has an .srt / a .vtt caption file beside the video. */
  hasSrt: boolean;
  hasVtt: boolean;
}
