import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emptyDraft } from "@/lib/draft/schema";
import { makeAudio, makeClip, makeImage, probe } from "@/tests/support/make-media";
import type { MediaRecord } from "../media/types";
import { outputSpec } from "../render/presets";
import { renderDraft } from "../render/render-draft";
import { recordFor } from "@/tests/support/engine/test-records";
import { applyOps } from "./apply-op";
import { assertDraftInvariants, evenWords, makeCtx } from "@/tests/support/engine/ops-testing";

// The drafts ops make are drafts the renderer draws: a busy edit of tiny generated
// media rendered for real (preview size), then checked with ffprobe.

function record(file: string, kind: MediaRecord["kind"], id: string): MediaRecord {
  const r = recordFor(file, kind, id);
  return {
    ...r,
    sessionId: "ses_t",
    size: fs.statSync(file).size,
    hash: id,
    poster: null,
    filmstrip: null,
    peaks: null,
    proxy: null,
    proxyStatus: "none",
    createdAt: 0,
  };
}

describe("ops -> renderer (real ffmpeg)", () => {
  it("cut, speed, title, captions, music and 9:16 render to the draft's length and frame", async () => {
    const media = [
      record(makeClip({ seconds: 3, width: 320, height: 240, fps: 25 }), "video", "v1"),
      record(makeImage("png", 320, 240), "image", "p1"),
      record(makeAudio("mp3", 2), "audio", "a1"),
    ];
    const ctx = makeCtx(media, {
      v1: { words: evenWords(5, 200, 500, 300), transcriptEngine: "test" },
    });
    const { draft } = applyOps(
      emptyDraft(),
      [
        { op: "add_clips", mediaIds: ["v1", "p1"] },
        { op: "cut", from: 1, to: 1.5 },
        { op: "speed", factor: 2, target: { index: 0 } },
        { op: "text", text: 'Hello: 100% {fine} \\ "quoted"', start: 0, end: 1 },
        { op: "captions", style: "highlight" },
        { op: "music", source: "a1" },
        { op: "aspect", ratio: "9:16" },
        { op: "normalize" },
        { op: "export", preset: "shorts" },
      ],
      ctx,
    );
    assertDraftInvariants(draft);
    expect(draft.d).toBeGreaterThan(3000);
    const out = outputSpec(draft, "shorts", true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-ops-render-"));
    const result = await renderDraft({
      draft,
      media: Object.fromEntries(media.map((m) => [m.id, m])),
      out,
      outputPath: path.join(dir, "out.mp4"),
    });
    const p = probe(result.path);
    expect(p).toMatchObject({
      width: out.width,
      height: out.height,
      videoCodec: "h264",
      audioCodec: "aac",
    });
    expect(Math.abs(p.duration * 1000 - draft.d)).toBeLessThanOrEqual(1000 / out.fps + 50);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
