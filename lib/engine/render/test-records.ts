import { execFileSync } from "node:child_process";
import path from "node:path";
import type { MediaKind } from "@/lib/media/schema";
import type { RenderMedia } from "./layout-timeline";

// Test support only: MediaRecord facts for a generated file, read with ffprobe, so
// real-render tests do not depend on the ingest module's progress.

export function recordFor(file: string, kind: MediaKind = "video", id = path.basename(file)): RenderMedia {
  const json = JSON.parse(
    execFileSync("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file], { encoding: "utf8" }),
  );
  const v = json.streams.find((s: { codec_type: string }) => s.codec_type === "video");
  const a = json.streams.find((s: { codec_type: string }) => s.codec_type === "audio");
  const rate = (r: string | undefined) => {
    const [n, d] = (r ?? "0/1").split("/").map(Number);
    return d ? n / d : 0;
  };
  const rotateTag = Number(v?.tags?.rotate ?? 0);
  const sideRotation = Number(v?.side_data_list?.find((s: { rotation?: number }) => s.rotation !== undefined)?.rotation ?? 0);
  const rotation = (((rotateTag || -sideRotation) % 360) + 360) % 360;
  return {
    id,
    kind,
    name: path.basename(file),
    path: file,
    probe: {
      durationMs: kind === "image" ? 0 : Math.round(Number(json.format.duration ?? 0) * 1000),
      width: v?.width ?? 0,
      height: v?.height ?? 0,
      rotation,
      fps: rate(v?.avg_frame_rate),
      vfr: Boolean(v) && Math.abs(rate(v.avg_frame_rate) - rate(v.r_frame_rate)) > 0.01,
      videoCodec: v?.codec_name ?? null,
      audioCodec: a?.codec_name ?? null,
      pixFmt: v?.pix_fmt ?? null,
      profile: v?.profile ?? null,
      hasVideo: Boolean(v) && kind !== "audio",
      hasAudio: Boolean(a),
      sampleRate: a ? Number(a.sample_rate) : null,
      channels: a?.channels ?? null,
      container: json.format.format_name,
      bitRate: json.format.bit_rate ? Number(json.format.bit_rate) : null,
    },
  };
}
