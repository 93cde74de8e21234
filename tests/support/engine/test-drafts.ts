import { draftSchema, type Draft } from "@/lib/draft/schema";
import type { ProbeInfo } from "@/lib/engine/media/types";
import type { RenderMedia } from "@/lib/engine/render/layout-timeline";

// Test support only: media facts and drafts as literals, for builder tests that never run ffmpeg.

export function fakeMedia(
  id: string,
  over: Partial<ProbeInfo> = {},
  kind: RenderMedia["kind"] = "video",
): RenderMedia {
  return {
    id,
    kind,
    name: `${id}.mp4`,
    path: `/media/${id}.mp4`,
    probe: {
      durationMs: 10_000,
      width: 1920,
      height: 1080,
      rotation: 0,
      fps: 30,
      vfr: false,
      videoCodec: "h264",
      audioCodec: "aac",
      pixFmt: "yuv420p",
      profile: "High",
      hasVideo: kind !== "audio",
      hasAudio: kind !== "image",
      sampleRate: 48000,
      channels: 2,
      container: "mov,mp4,m4a,3gp,3g2,mj2",
      bitRate: 5_000_000,
      ...over,
    },
  };
}

/** A draft from a compact description: video segments, optional audio and text tracks, meta. */
export function makeDraft(opts: {
  video?: Record<string, unknown>[];
  audio?: Record<string, unknown>[];
  text?: Record<string, unknown>[];
  m?: Record<string, unknown>;
}): Draft {
  const t: unknown[] = [];
  let end = 0;
  const seg = (s: Record<string, unknown>, i: number) => {
    const st = (s.st as number | undefined) ?? end;
    const d =
      (s.d as number | undefined) ?? (s.out as number) - ((s.in as number | undefined) ?? 0);
    end = Math.max(end, st + d);
    return { id: `s${i}`, st, d, ...s };
  };
  if (opts.video) t.push({ tt: 0, sg: opts.video.map(seg) });
  const videoEnd = end;
  if (opts.audio)
    t.push({
      tt: 1,
      sg: opts.audio.map((s, i) => ({ id: `a${i}`, st: 0, d: videoEnd, ...s })),
      m: { role: "music" },
    });
  if (opts.text)
    t.push({ tt: 7, sg: opts.text.map((s, i) => ({ id: `t${i}`, st: 0, d: 1000, ...s })) });
  const d = Math.max(
    videoEnd,
    ...(opts.text ?? []).map((s) => ((s.st as number) ?? 0) + ((s.d as number) ?? 1000)),
  );
  return draftSchema.parse({ t, d, m: { width: 1920, height: 1080, fps: 30, ...opts.m } });
}
