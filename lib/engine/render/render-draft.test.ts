import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeAudio, makeClip, makeImage, mediaDir, probe } from "@/tests/support/make-media";
import { indexAtFront } from "./mp4-index";
import { outputSpec } from "./presets";
import { renderDraft } from "./render-draft";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { makePhoneClip } from "@/tests/support/engine/test-media";
import { recordFor } from "@/tests/support/engine/test-records";

// Real renders of tiny generated clips, checked with ffprobe, pixel sampling and ebur128.

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-render-"));

function ff(args: string[]): void {
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args]);
}

/** A still colour clip with a tone: a known background for pixel checks. */
function colorClip(color: string, seconds: number, size = "320x240"): string {
  const file = path.join(mediaDir(), `color-${color}-${seconds}-${size}.mp4`);
  if (!fs.existsSync(file)) {
    ff([
      "-f",
      "lavfi",
      "-i",
      `color=c=${color}:s=${size}:r=25:d=${seconds}`,
      "-f",
      "lavfi",
      "-i",
      `sine=frequency=300:sample_rate=44100:duration=${seconds}`,
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-shortest",
      file,
    ]);
  }
  return file;
}

/** RGB pixels of a region of the frame at `t` seconds. */
function region(file: string, t: number, x: number, y: number, w: number, h: number): Buffer {
  return execFileSync("ffmpeg", [
    "-v",
    "error",
    "-ss",
    String(t),
    "-i",
    file,
    "-frames:v",
    "1",
    "-vf",
    `crop=${w}:${h}:${x}:${y}`,
    "-f",
    "rawvideo",
    "-pix_fmt",
    "rgb24",
    "-",
  ]);
}
const maxOf = (buf: Buffer) => buf.reduce((m, v) => Math.max(m, v), 0);
const meanOf = (buf: Buffer) => buf.reduce((s, v) => s + v, 0) / buf.length;

function loudness(file: string): number {
  const run = spawnSync(
    "ffmpeg",
    ["-hide_banner", "-nostats", "-i", file, "-af", "ebur128", "-f", "null", "-"],
    { encoding: "utf8" },
  );
  const summary = run.stderr.slice(run.stderr.lastIndexOf("Summary:"));
  return Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
}

function ffprobeJson(file: string) {
  return JSON.parse(
    execFileSync(
      "ffprobe",
      ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", file],
      { encoding: "utf8" },
    ),
  );
}

describe("renderDraft (real ffmpeg)", () => {
  it("mixes sizes, frame rates, sample rates, a rotated phone clip, a silent clip and a still into one 1080p H.264 High / AAC file", async () => {
    const media = {
      a: recordFor(makeClip({ seconds: 2, width: 320, height: 240, fps: 25 }), "video", "a"),
      b: recordFor(
        makeClip({ seconds: 2, width: 240, height: 320, fps: 30, audio: false }),
        "video",
        "b",
      ),
      phone: recordFor(makePhoneClip(), "video", "phone"), // 1921x1081 4:4:4, VFR, rotated 90, no sound
      img: recordFor(makeImage("png"), "image", "img"),
      song: recordFor(makeAudio("mp3", 2), "audio", "song"),
    };
    expect(media.phone.probe.rotation).toBe(90);
    const draft = makeDraft({
      video: [
        { src: "a", out: 2000 },
        { src: "b", out: 2000, transitionIn: 400 },
        { src: "phone", in: 500, out: 2000, speed: 1.5, d: 1000 },
        { src: "img", out: 1000, d: 1000, color: "warm" },
      ],
      audio: [{ src: "song", out: 2000, loop: true, duck: true, volume: 0.4 }],
      m: { fit: "blur" },
    });
    const out = path.join(outDir, "mixed.mp4");
    const seen: number[] = [];
    const result = await renderDraft({
      draft,
      media,
      out: outputSpec(draft, "youtube", false),
      outputPath: out,
      onProgress: (p) => seen.push(p.ratio ?? 0),
    });
    expect(result.mode).toBe("encode");
    const info = probe(out);
    expect(info).toMatchObject({
      width: 1920,
      height: 1080,
      videoCodec: "h264",
      profile: "High",
      pixFmt: "yuv420p",
      audioCodec: "aac",
      sampleRate: 48000,
      fps: 30,
    });
    const json = ffprobeJson(out);
    const v = json.streams.find((s: { codec_type: string }) => s.codec_type === "video");
    const a = json.streams.find((s: { codec_type: string }) => s.codec_type === "audio");
    expect(a.channels).toBe(2);
    expect(Math.abs(Number(v.duration) - 6)).toBeLessThanOrEqual(1 / 30);
    expect(Math.abs(info.duration - 6)).toBeLessThanOrEqual(1 / 30 + 0.025); // + one AAC frame of priming
    expect(seen.at(-1)).toBeGreaterThan(0.9);
    expect(fs.readdirSync(outDir).filter((f) => f.startsWith(".mixed"))).toEqual([]); // no temp files left
  });

  it("burns a title in from an ASS file, even from a folder whose name would break a filtergraph", async () => {
    const weird = path.join(outDir, "it's [a] dir; with, commas: here");
    const media = { black: recordFor(colorClip("black", 2), "video", "black") };
    const draft = makeDraft({
      video: [{ src: "black", out: 2000 }],
      text: [
        { text: "HELLO {world}", kind: "title", position: "center", size: 0.2, st: 0, d: 1000 },
      ],
    });
    const out = path.join(weird, "title.mp4");
    await renderDraft({ draft, media, out: outputSpec(draft, "720p", false), outputPath: out });
    const centre = region(out, 0.5, 340, 300, 600, 120);
    expect(maxOf(centre)).toBeGreaterThan(200); // white letters
    expect(maxOf(region(out, 1.5, 340, 300, 600, 120))).toBeLessThan(40); // gone after its time
  });

  it("highlights caption words as they are spoken (karaoke)", async () => {
    const media = { black: recordFor(colorClip("black", 2), "video", "black") };
    const draft = makeDraft({
      video: [{ src: "black", out: 2000 }],
      text: [
        {
          text: "GO GO",
          kind: "caption",
          style: "highlight",
          size: 0.15,
          st: 0,
          d: 2000,
          words: [
            { w: "GO", s: 0, e: 500 },
            { w: "GO", s: 1000, e: 1500 },
          ],
        },
      ],
    });
    const out = path.join(outDir, "karaoke.mp4");
    await renderDraft({ draft, media, out: outputSpec(draft, "720p", true), outputPath: out });
    const yellow = (buf: Buffer) => {
      let n = 0;
      for (let i = 0; i < buf.length; i += 3)
        if (buf[i] > 200 && buf[i + 1] > 160 && buf[i + 2] < 90) n++;
      return n;
    };
    const early = yellow(region(out, 0.3, 0, 180, 640, 180));
    const late = yellow(region(out, 1.7, 0, 180, 640, 180));
    expect(early).toBeGreaterThan(20);
    expect(late).toBeGreaterThan(early * 1.5); // the second word lit up too
  });

  it.each([
    ["blur", (top: Buffer) => expect(meanOf(top)).toBeGreaterThan(40)],
    ["pad", (top: Buffer) => expect(maxOf(top)).toBeLessThan(25)],
  ] as const)("re-frames a 4:3 clip for 9:16 with %s", async (fit, check) => {
    const media = {
      a: recordFor(makeClip({ seconds: 1, width: 320, height: 240, fps: 25 }), "video", "a"),
    };
    const draft = makeDraft({ video: [{ src: "a", out: 1000 }], m: { fit } });
    const out = path.join(outDir, `fill-${fit}.mp4`);
    await renderDraft({ draft, media, out: outputSpec(draft, "shorts", true), outputPath: out });
    expect(probe(out)).toMatchObject({ width: 360, height: 640 });
    check(region(out, 0.5, 0, 0, 360, 150)); // above the picture
  });

  it("shows a phone clip the way the phone shows it (display rotation), then applies the clip's own rotation", async () => {
    // Coded landscape: white top half, black bottom; tagged "rotate 90 degrees clockwise",
    // so a viewer sees a portrait picture whose white half is on the right.
    const file = path.join(mediaDir(), "rot-white-top.mp4");
    if (!fs.existsSync(file)) {
      const plain = path.join(mediaDir(), "rot-white-top-plain.mp4");
      ff([
        "-f",
        "lavfi",
        "-i",
        "color=white:s=320x120:r=25:d=1",
        "-f",
        "lavfi",
        "-i",
        "color=black:s=320x120:r=25:d=1",
        "-filter_complex",
        "[0][1]vstack",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
        plain,
      ]);
      ff(["-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=270", file]); // ffmpeg 5.1 CLI: 270 = 90 clockwise
    }
    const media = { p: recordFor(file, "video", "p") };
    expect(media.p.probe.rotation).toBe(90);
    const render = async (rotate: 0 | 180, name: string) => {
      const draft = makeDraft({ video: [{ src: "p", out: 1000, rotate }], m: { fit: "pad" } });
      const out = path.join(outDir, name);
      await renderDraft({ draft, media, out: outputSpec(draft, "youtube", true), outputPath: out });
      // 640x360 frame, portrait picture 270 wide in the middle (x 185..455).
      return {
        left: meanOf(region(out, 0.5, 200, 150, 40, 60)),
        right: meanOf(region(out, 0.5, 400, 150, 40, 60)),
        bar: maxOf(region(out, 0.5, 0, 0, 150, 360)),
      };
    };
    const shown = await render(0, "rot-0.mp4");
    expect(shown.right).toBeGreaterThan(200);
    expect(shown.left).toBeLessThan(40);
    expect(shown.bar).toBeLessThan(25); // pillarbox: the picture really is portrait
    const turned = await render(180, "rot-180.mp4");
    expect(turned.left).toBeGreaterThan(200);
    expect(turned.right).toBeLessThan(40);
  });

  it("normalises loudness to -14 LUFS when asked", async () => {
    const media = { a: recordFor(colorClip("gray", 3), "video", "a") };
    const draft = makeDraft({ video: [{ src: "a", out: 3000 }], m: { loudness: -14 } });
    const out = path.join(outDir, "loud.mp4");
    await renderDraft({ draft, media, out: outputSpec(draft, "720p", true), outputPath: out });
    expect(Math.abs(loudness(out) + 14)).toBeLessThan(1.5);
    expect(Math.abs(loudness(media.a.path) + 14)).toBeGreaterThan(3); // it really changed
  });

  it("joins whole clips with matching streams without re-encoding", async () => {
    const make = (name: string) => {
      const file = path.join(mediaDir(), name);
      if (!fs.existsSync(file)) {
        ff([
          "-f",
          "lavfi",
          "-i",
          "testsrc2=size=1280x720:rate=30:duration=1",
          "-f",
          "lavfi",
          "-i",
          "sine=sample_rate=48000:duration=1",
          "-c:v",
          "libx264",
          "-preset",
          "ultrafast",
          "-pix_fmt",
          "yuv420p",
          "-c:a",
          "aac",
          "-ac",
          "2",
          "-shortest",
          file,
        ]);
      }
      return file;
    };
    const media = {
      a: recordFor(make("join-a.mp4"), "video", "a"),
      b: recordFor(make("join-b.mp4"), "video", "b"),
    };
    const draft = makeDraft({
      video: [
        { src: "a", out: media.a.probe.durationMs },
        { src: "b", out: media.b.probe.durationMs },
      ],
    });
    const out = path.join(outDir, "join.mp4");
    const result = await renderDraft({
      draft,
      media,
      out: outputSpec(draft, "720p", false),
      outputPath: out,
    });
    expect(result.mode).toBe("copy");
    const decoded = execFileSync(
      "ffprobe",
      [
        "-v",
        "error",
        "-count_frames",
        "-select_streams",
        "v:0",
        "-show_entries",
        "stream=nb_read_frames",
        "-of",
        "csv=p=0",
        out,
      ],
      { encoding: "utf8" },
    );
    expect(Number(decoded.trim())).toBe(60);
    expect(probe(out)).toMatchObject({ width: 1280, height: 720, audioCodec: "aac" });
    expect(fs.readdirSync(outDir).filter((f) => f.startsWith(".join"))).toEqual([]); // list file removed
    expect(await indexAtFront(out)).toBe(true); // written into room kept for it, ready to stream
  });

  it("copies streams for a plain trim, exact to the frame", async () => {
    const src = path.join(mediaDir(), "fit-1080p.mp4");
    if (!fs.existsSync(src)) {
      ff([
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=1920x1080:rate=30:duration=3",
        "-f",
        "lavfi",
        "-i",
        "sine=sample_rate=48000:duration=3",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-g",
        "30",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-ac",
        "2",
        "-shortest",
        src,
      ]);
    }
    const media = { a: recordFor(src, "video", "a") };
    const draft = makeDraft({ video: [{ src: "a", in: 1200, out: 2700 }] });
    const out = path.join(outDir, "copy.mp4");
    const result = await renderDraft({
      draft,
      media,
      out: outputSpec(draft, "youtube", false),
      outputPath: out,
    });
    expect(result.mode).toBe("copy");
    expect(await indexAtFront(out)).toBe(true);
    const v = ffprobeJson(out).streams.find(
      (s: { codec_type: string }) => s.codec_type === "video",
    );
    expect(Math.abs(Number(v.duration) - 1.5)).toBeLessThanOrEqual(1 / 30);
    // Decoding honours the edit list: exactly the 45 frames asked for, without errors.
    const decoded = execFileSync(
      "ffprobe",
      [
        "-v",
        "error",
        "-count_frames",
        "-select_streams",
        "v:0",
        "-show_entries",
        "stream=nb_read_frames",
        "-of",
        "csv=p=0",
        out,
      ],
      { encoding: "utf8" },
    );
    expect(Math.abs(Number(decoded.trim()) - 45)).toBeLessThanOrEqual(1);
  });
});
