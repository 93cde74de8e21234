import { execFileSync } from "node:child_process";
import path from "node:path";
import type { MediaKind } from "@/lib/media/schema";
import { probeArgs, parseProbe } from "@/lib/engine/ingest/probe-media";
import type { RenderMedia } from "@/lib/engine/render/layout-timeline";

// Test support only: the media facts ingest would record for a generated file (same
// ffprobe arguments and parser), without going through an upload.

export function recordFor(
  file: string,
  kind: MediaKind = "video",
  id = path.basename(file),
): RenderMedia {
  const probe = parseProbe(
    JSON.parse(execFileSync("ffprobe", probeArgs(file), { encoding: "utf8" })),
  );
  return {
    id,
    kind,
    name: path.basename(file),
    path: file,
    probe: kind === "image" ? { ...probe, durationMs: 0 } : probe,
  };
}
