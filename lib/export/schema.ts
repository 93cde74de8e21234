import { z } from "zod";
import { exportPresetSchema } from "@/lib/plan/schema";

// Export status follows the seed: pending -> processing -> completed | failed
// (plus cancelled, which the cloud also has).
export const exportStatusSchema = z.enum([
  "pending",
  "processing",
  "completed",
  "failed",
  "cancelled",
]);

export const exportJobSchema = z.object({
  id: z.string(),
  status: exportStatusSchema,
  /** 0..100 */
  progress: z.number().min(0).max(100),
  /** Seconds left, when known. */
  eta: z.number().min(0).nullable().default(null),
  preset: z.string(),
  /** What this export holds when it is one clip of a batch ("interview.mp4"); null for the whole timeline. */
  name: z.string().nullable().optional(),
  width: z.number().int().nullable().default(null),
  height: z.number().int().nullable().default(null),
  /** Download link (session-bound), when completed. */
  outputUrl: z.string().nullable().default(null),
  /** Public share page, when completed. */
  shareUrl: z.string().nullable().default(null),
  /** Caption files beside the video, when the draft has captions. */
  srtUrl: z.string().nullable().default(null),
  vttUrl: z.string().nullable().default(null),
  /** A sentence for the user when failed or cancelled. */
  error: z.string().nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const startExportSchema = z.object({
  preset: exportPresetSchema.default("youtube"),
  /** Low-resolution, fast render for iterating; costs no credits. */
  preview: z.boolean().default(false),
});

export type ExportStatus = z.infer<typeof exportStatusSchema>;
export type ExportJob = z.infer<typeof exportJobSchema>;
export type StartExport = z.infer<typeof startExportSchema>;
