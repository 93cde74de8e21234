import { AppError } from "@/lib/errors";
import type { JobRow } from "../jobs/job-store";
import { CONTENT_TYPES } from "./export-objects";
import { POSTER_FILE } from "./export-poster";
import { SRT_FILE, VIDEO_FILE, VTT_FILE } from "./render-job";

// What a download of one job's file is, whichever storage holds it: the status checks
// (a sentence for unfinished, failed or cancelled jobs), the stored file's name, and the
// type and file name the browser is told.

/** "poster" is the share card picture (JPEG), only made for final exports. */
export type DownloadKind = "mp4" | "srt" | "vtt" | "poster";

export interface ExportFileInfo {
  /** The file's name in the job's folder: video.mp4, captions.srt, captions.vtt. */
  name: string;
  contentType: string;
  /** What the browser saves it as: "<project title>-<preset>.<format>". */
  filename: string;
}

export function describeExport(job: JobRow, format: DownloadKind, title: string): ExportFileInfo {
  if (job.status === "failed" || job.status === "cancelled") {
    const what = job.status === "failed" ? "did not finish" : "was cancelled";
    throw new AppError(
      "not_found",
      `This export ${what}, so there is no file to download. Start the export again.`,
    );
  }
  if (job.status !== "completed") {
    throw new AppError(
      "conflict",
      "This export is not finished yet. Wait until it completes, then download it.",
    );
  }
  const name = { mp4: VIDEO_FILE, srt: SRT_FILE, vtt: VTT_FILE, poster: POSTER_FILE }[format];
  const ext = format === "poster" ? "jpg" : format;
  const slug =
    title
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "video";
  return {
    name,
    contentType: CONTENT_TYPES[name],
    filename: `${slug}-${job.preset ?? "export"}.${ext}`,
  };
}

export function missingFile(format: DownloadKind): AppError {
  if (format === "poster") return new AppError("not_found", "This video has no poster picture.");
  return new AppError(
    "not_found",
    format === "mp4"
      ? "That video file is no longer available. Export it again."
      : "This video has no captions, so there is no subtitle file.",
  );
}
