import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeImage, probe } from "@/tests/support/make-media";
import {
  audioSeconds,
  brightShare,
  grayRegion,
  jfkSpeech,
  loudnessOf,
  meanDiff,
} from "@/tests/support/audiogram-check";
import { waveBox } from "./build-audiogram-args";
import { outputSpec } from "./presets";
import { renderDraft } from "./render-draft";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";

// Real audiogram renders of real speech (JFK, 4 s of it), checked with ffprobe and pixels:
// H.264 in the preset's frame, the sound intact, a waveform that moves with the speech.

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-audiogram-"));
describe("audiogram renders (real ffmpeg)", () => {
  it("an mp3 alone exports for YouTube as 1920x1080 H.264 with its sound and a moving waveform", async () => {
    const voice = recordFor(jfkSpeech("mp3"), "audio", "voice");
    expect(voice.probe.hasVideo).toBe(false);
    const draft = makeDraft({
      video: [{ src: "voice", out: voice.probe.durationMs, name: "episode.mp3" }],
      m: { audiogram: { background: { color: "#1f1b4d" } } },
    });
    const out = outputSpec(draft, "youtube", false);
    const file = path.join(outDir, "youtube.mp4");
    await renderDraft({ draft, media: { voice }, out, outputPath: file });

    expect(probe(file)).toMatchObject({
      width: 1920,
      height: 1080,
      videoCodec: "h264",
      profile: "High",
      pixFmt: "yuv420p",
      audioCodec: "aac",
    });
    // The sound: as long as the source and as loud (no loudness target was asked for).
    expect(Math.abs(audioSeconds(file) - voice.probe.durationMs / 1000)).toBeLessThan(0.1);
    expect(Math.abs(loudnessOf(file) - loudnessOf(voice.path))).toBeLessThan(1.5);

    // The waveform band changes from moment to moment; the background outside it does not.
    const band = waveBox(1920, 1080);
    const frames = [0.6, 1.4, 2.2, 3.0].map((t) => grayRegion(file, t, band));
    for (let i = 1; i < frames.length; i++)
      expect(meanDiff(frames[i - 1], frames[i])).toBeGreaterThan(1);
    expect(Math.max(...frames.map((f) => brightShare(f)))).toBeGreaterThan(0.01);
    const corner = [0.6, 3.0].map((t) => grayRegion(file, t, { x: 0, y: 0, w: 200, h: 120 }));
    expect(meanDiff(corner[0], corner[1])).toBeLessThan(1);
  });

  it("a 9:16 audiogram for Reels: 1080x1920, photo background, title and captions drawn, waveform moving", async () => {
    const voice = recordFor(jfkSpeech("m4a"), "audio", "voice");
    const photo = recordFor(makeImage("png", 640, 480), "image", "photo");
    const draft = makeDraft({
      video: [{ src: "voice", in: 500, out: voice.probe.durationMs, name: "episode.m4a" }],
      text: [
        { text: "Episode 12", kind: "title", position: "top", size: 0.07, st: 0, d: 3500 },
        { text: "And so my fellow Americans", kind: "caption", position: "bottom", st: 0, d: 3500 },
      ],
      m: {
        width: 1080,
        height: 1920,
        aspect: "9:16",
        audiogram: { background: { src: "photo" }, wave: "#FFFFFF" },
      },
    });
    const out = outputSpec(draft, "reels", false);
    const file = path.join(outDir, "reels.mp4");
    await renderDraft({ draft, media: { voice, photo }, out, outputPath: file });

    expect(probe(file)).toMatchObject({
      width: 1080,
      height: 1920,
      videoCodec: "h264",
      audioCodec: "aac",
    });
    expect(Math.abs(audioSeconds(file) - 3.5)).toBeLessThan(0.1);
    const band = waveBox(1080, 1920);
    const frames = [0.5, 1.3, 2.1].map((t) => grayRegion(file, t, band));
    for (let i = 1; i < frames.length; i++)
      expect(meanDiff(frames[i - 1], frames[i])).toBeGreaterThan(1);
    // The title (top) and the caption (bottom) are drawn in white over the picture.
    expect(brightShare(grayRegion(file, 1, { x: 0, y: 0, w: 1080, h: 400 }), 230)).toBeGreaterThan(
      0.002,
    );
    expect(
      brightShare(grayRegion(file, 1, { x: 0, y: 1500, w: 1080, h: 420 }), 230),
    ).toBeGreaterThan(0.002);
  });
});
