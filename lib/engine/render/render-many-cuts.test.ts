import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { watchFfmpegRss } from "@/tests/support/peak-rss";
import { frameAt } from "./frame-grid";
import { layoutTimeline, type MainItem } from "./layout-timeline";
import { outputSpec } from "./presets";
import { renderDraft } from "./render-draft";
import { decodeFrames, decodeSound, frameNumber, makeCounterSource, toneIn } from "./test-frame-counter";
import { makeDraft } from "./test-drafts";
import { recordFor } from "./test-records";

// "Remove the pauses" at scale, on a source whose frames show their own number and
// whose sound marks even frames: every output frame must show the source frame the
// timeline puts there, with that frame's sound, and the render's ffmpeg must stay small.

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-cuts-"));
const src = makeCounterSource(130);
const media = { c: recordFor(src, "video", "c") };

/**
 * 300 pieces of 100-300 ms with gaps of 100-300 ms between them. In and out points sit
 * on the source's frames (multiples of 100 ms at 30 fps), so each output frame has
 * exactly one right answer for picture and sound.
 */
function manyCuts(n = 300, text = false) {
  const video = Array.from({ length: n }, (_, k) => {
    const from = k * 400 + (k % 2) * 100;
    return { src: "c", in: from, out: from + 100 + (k % 3) * 100 };
  });
  const cues = text ? Array.from({ length: Math.floor(n / 10) }, (_, c) => ({ st: c * 2000 + 700, d: 1000, text: `Cue ${c}`, kind: "caption" })) : undefined;
  return makeDraft({ video, text: cues });
}

/** The source frame each output frame must show, from the layout alone. */
function expectedFrames(draft: ReturnType<typeof makeDraft>): number[] {
  const layout = layoutTimeline(draft, media);
  const out: number[] = [];
  for (const item of layout.items as Extract<MainItem, { type: "clip" }>[]) {
    const first = (item.seg.in * 30) / 1000;
    const n = frameAt(item.st + item.d, 30) - frameAt(item.st, 30);
    for (let j = 0; j < n; j++) out.push(first + j);
  }
  return out.slice(0, frameAt(layout.total, 30));
}

function checkFrames(file: string, expected: number[]) {
  const frames = decodeFrames(file);
  expect(frames.length).toBe(expected.length);
  const wrongPicture = frames.flatMap((f, j) => (frameNumber(f) === expected[j] ? [] : [`${j}: ${frameNumber(f)} != ${expected[j]}`]));
  expect(wrongPicture.slice(0, 5)).toEqual([]);
  const sound = decodeSound(file);
  const wrongSound = expected.flatMap((n, j) => {
    const tone = toneIn(sound, j);
    return tone === null || tone === (n % 2 === 0) ? [] : [j];
  });
  expect(wrongSound.slice(0, 5)).toEqual([]);
  return frames;
}

describe("renders with hundreds of cuts (real ffmpeg)", () => {
  it("cuts 300 pieces of one source frame-exactly, in sync, with one decoder and bounded memory", async () => {
    const draft = manyCuts();
    const expected = expectedFrames(draft);
    const out = path.join(outDir, "single.mp4");
    const watch = watchFfmpegRss();
    const result = await renderDraft({ draft, media, out: outputSpec(draft, "youtube", true), outputPath: out });
    const rss = watch.stop();
    console.log(`300 cuts, one ffmpeg: peak RSS ${rss.peakProcessMb.toFixed(0)} MB`);
    expect(result.mode).toBe("encode");
    checkFrames(out, expected);
    // One reader (demuxer + decoder) for the 300 pieces: ~90 MB; the per-clip inputs of before needed 2.2 GB here.
    expect(rss.processes).toBe(1);
    expect(rss.peakProcessMb).toBeLessThan(400);
  });
});
