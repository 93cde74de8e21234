import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ffmpegChildren, watchFfmpegRss } from "@/tests/support/peak-rss";
import { runFfmpeg } from "../ffmpeg/run-ffmpeg";
import { buildRenderArgs } from "./build-render-args";
import { frameAt, sampleAt } from "./frame-grid";
import { withGraphScript } from "./graph-script";
import { layoutTimeline, type MainItem } from "./layout-timeline";
import { planChunks } from "./plan-chunks";
import { indexAtFront } from "./mp4-index";
import { outputSpec } from "./presets";
import { renderDraft } from "./render-draft";
import {
  captionBand,
  decodeFrames,
  decodeSound,
  frameDiff,
  frameNumber,
  makeCounterSource,
  toneIn,
} from "@/tests/support/engine/test-frame-counter";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { makeAudio } from "@/tests/support/make-media";

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
  const cues = text
    ? Array.from({ length: Math.floor(n / 10) }, (_, c) => ({
        st: c * 2000 + 700,
        d: 1000,
        text: `Cue ${c}`,
        kind: "caption",
      }))
    : undefined;
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
  const wrongPicture = frames.flatMap((f, j) =>
    frameNumber(f) === expected[j] ? [] : [`${j}: ${frameNumber(f)} != ${expected[j]}`],
  );
  expect(wrongPicture.slice(0, 5)).toEqual([]);
  const sound = decodeSound(file);
  const wrongSound = expected.flatMap((n, j) => {
    const tone = toneIn(sound, j);
    return tone === null || tone === (n % 2 === 0) ? [] : [j];
  });
  expect(wrongSound.slice(0, 5)).toEqual([]);
  return frames;
}

function keyframeTimes(file: string): number[] {
  const out = execFileSync(
    "ffprobe",
    [
      "-v",
      "error",
      "-select_streams",
      "v",
      "-skip_frame",
      "nokey",
      "-show_entries",
      "frame=pts_time",
      "-of",
      "csv=p=0",
      file,
    ],
    { encoding: "utf8" },
  );
  return out
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => parseFloat(l));
}

function packetTimes(file: string, stream: "v" | "a"): { pts: number; dts: number }[] {
  const out = execFileSync(
    "ffprobe",
    [
      "-v",
      "error",
      "-select_streams",
      stream,
      "-show_entries",
      "packet=pts,dts",
      "-of",
      "csv=p=0",
      file,
    ],
    { encoding: "utf8" },
  );
  return out
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [pts, dts] = l.split(",").map(Number);
      return { pts, dts };
    });
}

describe("renders with hundreds of cuts (real ffmpeg)", () => {
  it("cuts 300 pieces of one source frame-exactly, in sync, with one decoder and bounded memory", async () => {
    const draft = manyCuts();
    const expected = expectedFrames(draft);
    const out = path.join(outDir, "single.mp4");
    const watch = watchFfmpegRss();
    const result = await renderDraft({
      draft,
      media,
      out: outputSpec(draft, "youtube", true),
      outputPath: out,
    });
    const rss = watch.stop();
    console.log(`300 cuts, one ffmpeg: peak RSS ${rss.peakProcessMb.toFixed(0)} MB`);
    expect(result.mode).toBe("encode");
    checkFrames(out, expected);
    // One reader (demuxer + decoder) for the 300 pieces: ~90 MB; the per-clip inputs of before needed 2.2 GB here.
    expect(rss.processes).toBe(1);
    expect(rss.peakProcessMb).toBeLessThan(400);
  });

  it("renders the sound part of a long timeline in memory that does not grow with its length", async () => {
    // 10 minutes of tone under a tiny picture, cut into 400 pieces (8 of every 10 seconds
    // kept, at odd milliseconds): the sound part of a chunked render. With a stand-in
    // picture per piece, or an endless apad, ffmpeg 5.1 kept every decoded sample until
    // the end (~180 MB more here; 1.4 GB for an hour).
    const long = path.join(outDir, "tone-10min.mp4");
    execFileSync("ffmpeg", [
      ...["-hide_banner", "-loglevel", "error", "-y"],
      ...["-f", "lavfi", "-i", "testsrc2=s=160x90:r=30:d=600"],
      ...["-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=600"],
      ...["-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-c:a", "aac", "-ac", "2", long],
    ]);
    const video = Array.from({ length: 400 }, (_, k) => {
      const from = k * 1500 + 101;
      return { src: "t", in: from, out: from + 1203 };
    });
    const draft = makeDraft({ video });
    const layout = layoutTimeline(draft, { t: recordFor(long, "video", "t") });
    const out = outputSpec(draft, "youtube", false);
    const sound = path.join(outDir, "sound-part.mp4");
    const args = buildRenderArgs({
      layout,
      out,
      outputPath: sound,
      assPath: null,
      part: { kind: "audio" },
    });
    const watch = watchFfmpegRss();
    await runFfmpeg(withGraphScript(args, sound));
    const rss = watch.stop();
    console.log(
      `the sound of 8 minutes in 400 pieces: peak RSS ${rss.peakProcessMb.toFixed(0)} MB`,
    );
    expect(rss.peakProcessMb).toBeLessThan(150);
    // Every piece is its frames' samples: the whole is the timeline's length (AAC ends on a
    // whole 1,024-sample frame); the chunked render below proves it sample for sample.
    const samples = decodeSound(sound).length;
    expect(Math.abs(samples - sampleAt(frameAt(layout.total, 30), 30))).toBeLessThanOrEqual(1024);
    // Making and cutting 10 minutes takes ~20 s alone, several times that beside the rest of the suite.
  }, 180_000);

  it("renders the same timeline in chunks joined by stream copy: same frames, keyframes at the joins, sound rendered once", async () => {
    const draft = manyCuts(300, true);
    const expected = expectedFrames(draft);
    // The export's encoder (veryfast: B-frames, so decode order differs from display order at every join), at 360p to stay quick.
    const out = { ...outputSpec(draft, "youtube", false), width: 640, height: 360 };
    const whole = path.join(outDir, "whole-captions.mp4");
    await renderDraft({ draft, media, out, outputPath: whole });
    const chunked = path.join(outDir, "chunked.mp4");
    const seen: number[] = [];
    const result = await renderDraft({
      draft,
      media,
      out,
      outputPath: chunked,
      chunkMs: 20_000,
      concurrency: 2,
      onProgress: (p) => seen.push(p.ratio ?? 0),
    });
    expect(result.mode).toBe("chunks");
    expect(seen.at(-1)).toBe(1);
    // Streamable as the one-piece render: the index written up front in the room kept for it.
    expect(await indexAtFront(chunked)).toBe(true);
    expect(await indexAtFront(whole)).toBe(true);

    const a = checkFrames(whole, expected);
    const b = checkFrames(chunked, expected);
    // Same picture, captions included (a cue crosses every join here), up to x264's own noise.
    const worst = Math.max(...a.map((f, j) => frameDiff(f, b[j])));
    expect(worst).toBeLessThan(4);
    const layout = layoutTimeline(draft, media);
    // Each cue appears on its first frame and is gone on its last + 1, in whichever chunk those fall.
    for (const seg of layout.textTracks[0].sg) {
      const [on, off] = [frameAt(seg.st, 30), frameAt(seg.st + seg.d, 30)];
      expect(
        [
          captionBand(b[on - 1]),
          captionBand(b[on]),
          captionBand(b[off - 1]),
          captionBand(b[off]),
        ].map((v) => v > 152),
      ).toEqual([false, true, true, false]);
    }
    // The sound is the whole render's, sample for sample: no gap, click or drift at a join.
    // Up to the last AAC frame: concat beside a picture rounds each piece's start to a
    // microsecond, so the whole render's sound ends 5 samples late here and -t cuts them;
    // the sound part (no picture) has no such rounding, its packets follow without a gap.
    const sa = decodeSound(whole);
    const sb = decodeSound(chunked);
    expect(sb.length).toBe(sa.length);
    let diff = 0;
    for (let i = 0; i < sa.length - 1024; i++) diff = Math.max(diff, Math.abs(sa[i] - sb[i]));
    expect(diff).toBe(0);
    const packets = packetTimes(chunked, "a");
    expect(packets.every((x, i) => i === 0 || x.pts - packets[i - 1].pts === 1024)).toBe(true);
    // Every chunk starts on a keyframe; timestamps only go forwards.
    const keys = keyframeTimes(chunked);
    const starts = planChunks(layout, 30, 20_000).map((c) => c.startFrame / 30);
    expect(starts.length).toBe(3);
    for (const t of starts) expect(keys.some((k) => Math.abs(k - t) < 0.001)).toBe(true);
    for (const s of ["v", "a"] as const) {
      const p = packetTimes(chunked, s);
      expect(p.every((x, i) => i === 0 || x.dts > p[i - 1].dts)).toBe(true);
    }
  });

  it("renders crossfades, a speed change, ducked music and loudness in chunks as in one piece", async () => {
    // 40 pieces of 600 ms, four of every five crossfading 200 ms into the one before
    // (chunks start only at the hard cuts), one played at double speed, music looped and
    // ducked under the clips, the whole normalised to -14 LUFS.
    const video = Array.from({ length: 40 }, (_, k) => ({
      src: "c",
      in: k * 1500,
      out: k * 1500 + (k === 7 ? 1200 : 600),
      ...(k === 7 ? { speed: 2, d: 600 } : {}),
      ...(k % 5 === 0 ? {} : { transitionIn: 200 }),
    }));
    const draft = makeDraft({
      video,
      audio: [{ src: "song", out: 2000, loop: true, duck: true, volume: 0.4 }],
      m: { loudness: -14 },
    });
    const all = { ...media, song: recordFor(makeAudio("mp3", 2), "audio", "song") };
    const out = { ...outputSpec(draft, "youtube", false), width: 640, height: 360 };
    const whole = path.join(outDir, "effects-whole.mp4");
    await renderDraft({ draft, media: all, out, outputPath: whole });
    const chunked = path.join(outDir, "effects-chunked.mp4");
    const result = await renderDraft({
      draft,
      media: all,
      out,
      outputPath: chunked,
      chunkMs: 5_000,
      concurrency: 2,
    });
    expect(result.mode).toBe("chunks");
    expect(planChunks(layoutTimeline(draft, all), 30, 5_000).length).toBeGreaterThanOrEqual(3);
    // Every frame and sample of the timeline, in one piece as in chunks (the crossfade chain
    // once came out short: tpad held nothing after an xfade, acrossfade cut its ends).
    const total = layoutTimeline(draft, all).total;
    const a = decodeFrames(whole);
    const b = decodeFrames(chunked);
    expect(a.length).toBe(frameAt(total, 30));
    expect(b.length).toBe(a.length);
    expect(Math.max(...a.map((f, j) => frameDiff(f, b[j])))).toBeLessThan(4);
    // The sound is the whole render's, sample for sample (both join picture and sound apart).
    const sa = decodeSound(whole);
    const sb = decodeSound(chunked);
    expect(Math.abs(sa.length - sampleAt(frameAt(total, 30), 30))).toBeLessThan(1024);
    expect(sb.length).toBe(sa.length);
    let diff = 0;
    for (let i = 0; i < sa.length; i++) diff = Math.max(diff, Math.abs(sa[i] - sb[i]));
    expect(diff).toBe(0);
  });

  it("keeps finished chunks when the rendering process is killed, and renders only the rest on the next try", async () => {
    const draft = manyCuts(150);
    const out = outputSpec(draft, "youtube", true);
    const chunkDir = path.join(outDir, "kept-chunks");
    const target = path.join(outDir, "restarted.mp4");
    const opts = {
      draft,
      media,
      out,
      outputPath: target,
      chunkMs: 5_000,
      concurrency: 1,
      chunkDir,
    };
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(__dirname, "../../../tests/support/engine/test-render-child.ts"),
        JSON.stringify(opts),
      ],
      { detached: true, stdio: "ignore" },
    );
    const finished = () =>
      fs.existsSync(chunkDir)
        ? // Kept parts only: a part's own file (".<pid>-<random>.mp4") is not kept until stored.
          fs.readdirSync(chunkDir).filter((f) => /^video-\d+-[0-9a-f]+\.mp4$/.test(f))
        : [];
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (finished().length >= 2) {
          clearInterval(timer);
          process.kill(-child.pid!, "SIGKILL"); // the process and its ffmpeg, as a crash would
          resolve();
        }
      }, 50);
      child.on(
        "exit",
        (code) =>
          code !== null &&
          reject(new Error(`the render ended (${code}) before it could be killed`)),
      );
    });
    await new Promise((r) => setTimeout(r, 200));
    const kept = finished().length;
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(fs.existsSync(target)).toBe(false);

    const result = await renderDraft(opts);
    expect(result.reusedChunks).toBeGreaterThanOrEqual(kept); // the sound too, when it was done
    checkFrames(target, expectedFrames(draft));
    expect(fs.existsSync(chunkDir)).toBe(false);
  });

  it("stops every chunk on cancel and keeps none of them", async () => {
    const draft = manyCuts(150);
    const chunkDir = path.join(outDir, "cancelled-chunks");
    const ctl = new AbortController();
    const watch = watchFfmpegRss();
    const render = renderDraft({
      draft,
      media,
      out: outputSpec(draft, "youtube", true),
      outputPath: path.join(outDir, "cancelled.mp4"),
      chunkMs: 5_000,
      concurrency: 2,
      chunkDir,
      signal: ctl.signal,
      onProgress: (p) => (p.ratio ?? 0) > 0.2 && ctl.abort(),
    });
    await expect(render).rejects.toMatchObject({ code: "cancelled" });
    expect(watch.stop().processes).toBeGreaterThanOrEqual(2);
    expect(ffmpegChildren()).toEqual([]);
    const left = fs.existsSync(chunkDir) ? fs.readdirSync(chunkDir) : [];
    expect(left).toEqual([]);
    expect(fs.existsSync(path.join(outDir, "cancelled.mp4"))).toBe(false);
  });
});
