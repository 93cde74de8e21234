import "server-only";
import type { ExportStatus } from "@/lib/export/schema";

// The render status is documented two ways; accept both:
//   {"success":true,"data":{"id","status","progress","outputUrl"}}
//   {"status":"completed","output":{"url":...}}

export interface RenderStatus {
  status: ExportStatus;
  progress: number | null;
  url: string | null;
  error: string | null;
}

const STATUS: Record<string, ExportStatus> = {
  pending: "pending",
  queued: "pending",
  waiting: "pending",
  processing: "processing",
  rendering: "processing",
  running: "processing",
  in_progress: "processing",
  completed: "completed",
  complete: "completed",
  done: "completed",
  success: "completed",
  succeeded: "completed",
  failed: "failed",
  error: "failed",
  cancelled: "cancelled",
  canceled: "cancelled",
};

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const str = (v: unknown) => (typeof v === "string" && v ? v : null);

export function parseRenderStatus(body: unknown): RenderStatus {
  const top = obj(body);
  const data = obj(top.data);
  const raw = str(data.status) ?? str(top.status) ?? "";
  const url =
    str(data.outputUrl) ??
    str(data.output_url) ??
    str(obj(data.output).url) ??
    str(top.outputUrl) ??
    str(obj(top.output).url) ??
    null;
  let status = STATUS[raw.toLowerCase()] ?? (url ? "completed" : "processing");
  let missing: string | null = null;
  if (status === "completed" && !url) {
    // "Done" without a link is of no use to anyone: say so instead of polling forever.
    status = "failed";
    missing =
      "NemoVideo finished the render but sent no download link. Export again; if it repeats, contact NemoVideo support.";
  }
  const p = data.progress ?? top.progress;
  const progress =
    typeof p === "number" && Number.isFinite(p)
      ? Math.max(0, Math.min(100, p <= 1 && p > 0 && !Number.isInteger(p) ? p * 100 : p))
      : null;
  const error =
    str(data.error) ?? str(top.error) ?? str(obj(data.error).message) ?? str(data.message) ?? null;
  return {
    status,
    progress,
    url,
    error:
      status === "failed"
        ? (missing ?? error ?? "NemoVideo could not render this video. Try exporting again.")
        : null,
  };
}
