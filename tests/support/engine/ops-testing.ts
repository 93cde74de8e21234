import { expect } from "vitest";
import { emptyDraft, type Draft, type TextTrack, type VideoTrack } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import type { MediaKind } from "@/lib/media/schema";
import type { MediaRecord, ProbeInfo } from "@/lib/engine/media/types";
import { applyOp } from "@/lib/engine/ops/apply-op";
import { checkDraftInvariants } from "@/lib/engine/ops/draft-invariants";
import { isCaptionTrack, isTitleTrack, mainTrack, musicTrack } from "@/lib/engine/ops/timeline";
import type { MediaAnalysis, OpContext, OpResult } from "@/lib/engine/ops/types";

// Test helpers for the op tests: fake media records (no files needed, ops are pure), a
// context with predictable ids, drafts built with add_clips itself, and the shared
// invariant assertion every case ends with.

export function fakeMedia(
  id: string,
  kind: MediaKind,
  durationMs: number,
  probe: Partial<ProbeInfo> = {},
): MediaRecord {
  const visual = kind !== "audio";
  return {
    id,
    sessionId: "ses_test",
    kind,
    name: `${id}.${kind === "video" ? "mp4" : kind === "image" ? "png" : "mp3"}`,
    size: 1000,
    path: `/tmp/${id}`,
    hash: id,
    poster: null,
    filmstrip: null,
    peaks: null,
    proxy: null,
    proxyStatus: "none",
    createdAt: 0,
    probe: {
      durationMs: kind === "image" ? 0 : durationMs,
      width: visual ? 1920 : 0,
      height: visual ? 1080 : 0,
      rotation: 0,
      fps: kind === "video" ? 30 : 0,
      vfr: false,
      videoCodec: kind === "video" ? "h264" : null,
      audioCodec: kind === "image" ? null : "aac",
      pixFmt: "yuv420p",
      profile: null,
      hasVideo: visual,
      hasAudio: kind !== "image",
      sampleRate: 48000,
      channels: 2,
      container: "mov,mp4",
      bitRate: null,
      ...probe,
    },
  };
}

export function makeCtx(
  media: MediaRecord[],
  analysis: Record<string, MediaAnalysis> = {},
): OpContext {
  let n = 0;
  return { media, analysis, newId: () => `s${++n}` };
}

export function assertDraftInvariants(draft: Draft): void {
  expect(checkDraftInvariants(draft)).toEqual([]);
}

/** Applies ops in order, checking invariants and the reply after each. */
export function run(draft: Draft, ops: Op[], ctx: OpContext): OpResult {
  let last: OpResult = { draft, summary: "", tip: "" };
  for (const op of ops) {
    last = applyOp(last.draft, op, ctx);
    assertDraftInvariants(last.draft);
    expect(last.summary.length).toBeGreaterThan(10);
    expect(last.tip).toMatch(/^By hand: .{20,}/);
  }
  return last;
}

/** A timeline of videos of the given lengths (ms), one media item each (v1, v2...), plus extra media. */
export function videoDraft(
  lengths: number[],
  extra: MediaRecord[] = [],
  analysis: Record<string, MediaAnalysis> = {},
) {
  const media = [...lengths.map((ms, i) => fakeMedia(`v${i + 1}`, "video", ms)), ...extra];
  const ctx = makeCtx(media, analysis);
  const mediaIds = lengths.map((_, i) => `v${i + 1}`);
  const { draft } = applyOp(emptyDraft(), { op: "add_clips", mediaIds }, ctx);
  return { draft, ctx, media };
}

export const clips = (d: Draft) => (mainTrack(d) as VideoTrack).sg;
export const clipSpans = (d: Draft) => clips(d).map((c) => [c.st, c.d, c.in, c.out]);
export const captionCues = (d: Draft) =>
  (d.t.find(isCaptionTrack) as TextTrack | undefined)?.sg ?? [];
export const titles = (d: Draft) => (d.t.filter(isTitleTrack) as TextTrack[]).flatMap((t) => t.sg);
export const music = (d: Draft) => musicTrack(d)?.sg[0];

/** Evenly spaced words "w0 w1 ..." in source time: one every `step` ms, each `len` ms long. */
export function evenWords(count: number, startMs: number, step = 500, len = 300, prefix = "w") {
  return Array.from({ length: count }, (_, i) => ({
    w: `${prefix}${i}`,
    s: startMs + i * step,
    e: startMs + i * step + len,
  }));
}
