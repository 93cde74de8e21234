import { describe, expect, it } from "vitest";
import type { ProbeInfo } from "../media/types";
import {
  filmstripArgs,
  filmstripTimesMs,
  framecrcLines,
  looksTruncated,
  peaksPerSecond,
  posterArgs,
  posterBrightness,
  posterRetryTimesMs,
  posterTimeMs,
  proxyArgs,
  proxyReason,
  seeksToAnyPacket,
  tailCheckArgs,
  tailCheckFromEndArgs,
} from "./derive-args";
import { probeArgs } from "./probe-media";

const probe = (p: Partial<ProbeInfo> = {}): ProbeInfo => ({
  durationMs: 2000,
  width: 320,
  height: 240,
  rotation: 0,
  fps: 25,
  vfr: false,
  videoCodec: "h264",
  audioCodec: "aac",
  pixFmt: "yuv420p",
  profile: "High",
  hasVideo: true,
  hasAudio: true,
  sampleRate: 48000,
  channels: 2,
  container: "mov,mp4",
  bitRate: null,
  ...p,
});

describe("poster and filmstrip builders", () => {
  it("takes the poster a little way in, never past a short clip", () => {
    expect(posterTimeMs(0)).toBe(0);
    expect(posterTimeMs(2000)).toBe(200);
    expect(posterTimeMs(60_000)).toBe(1000);
  });

  it("builds a poster command that seeks, takes one real video frame and fits the box", () => {
    const args = posterArgs("/in.mov", "/out.jpg", 200);
    expect(args.slice(args.indexOf("-ss"), args.indexOf("-ss") + 2)).toEqual(["-ss", "0.200"]);
    expect(args).toContain("0:V:0"); // capital V: not cover art
    expect(args.join(" ")).toMatch(
      /scale=w='min\(480,iw\)':h='min\(480,ih\)':force_original_aspect_ratio=decrease/,
    );
    expect(args.at(-1)).toBe("/out.jpg");
    expect(posterArgs("/in.mov", "/out.jpg", 0)).not.toContain("-ss");
    expect(args.join(" ")).toMatch(/signalstats,metadata=mode=print:key=lavfi\.signalstats\.YAVG/);
    expect(args.slice(args.indexOf("-v"), args.indexOf("-v") + 2)).toEqual(["-v", "info"]); // where metadata prints
  });

  it("reads the poster's brightness from ffmpeg's metadata log lines", () => {
    expect(
      posterBrightness(
        "frame:0    pts:0       pts_time:0\nlavfi.signalstats.YAVG=16.25\nframe:1 ...\nlavfi.signalstats.YAVG=90\n",
      ),
    ).toBe(16.25);
    expect(posterBrightness("")).toBeNull();
  });

  it.each([
    [500, []], // too short to look elsewhere
    [2_000, [1_000]], // first try at 200 ms, then halfway
    [6_000, [1_500, 3_000]], // 10% (600 ms) is before the first try at 1 s
    [60_000, [6_000, 15_000, 30_000]],
  ])("retries a black poster of a %i ms clip at %j", (durationMs, times) =>
    expect(posterRetryTimesMs(durationMs)).toEqual(times),
  );

  it("spreads filmstrip frames over the clip and stacks ten tiles", () => {
    expect(filmstripTimesMs(10_000)).toEqual([
      500, 1500, 2500, 3500, 4500, 5500, 6500, 7500, 8500, 9500,
    ]);
    const args = filmstripArgs("/in.mp4", "/strip.jpg", 10_000);
    expect(args.filter((a) => a === "-i")).toHaveLength(10);
    const graph = args[args.indexOf("-filter_complex") + 1];
    expect(graph).toContain("hstack=inputs=10");
    expect(graph).toContain("[9:V:0]scale=-2:160");
  });

  it("keeps 100 peaks a second up to 10 minutes, then caps the count", () => {
    expect(peaksPerSecond(2000)).toBe(100);
    expect(peaksPerSecond(600_000)).toBe(100);
    expect(peaksPerSecond(3_600_000)).toBe(16);
  });
});

describe("proxyReason", () => {
  it.each([
    ["H.264 MP4", "mp4", {}, null],
    ["VP9 WebM with Opus", "webm", { videoCodec: "vp9", audioCodec: "opus" }, null],
    ["H.264 MOV", "mov", {}, null],
    ["AVI", "avi", { videoCodec: "mpeg4", audioCodec: "mp3" }, /AVI/],
    ["MKV", "mkv", {}, /MKV/],
    ["ProRes", "mov", { videoCodec: "prores", pixFmt: "yuv422p10le" }, /prores/],
    ["HEVC", "mp4", { videoCodec: "hevc" }, /hevc/],
    ["H.264 4:2:2 10-bit", "mp4", { pixFmt: "yuv422p10le" }, /yuv422p10le/],
    ["H.264 4:4:4", "mp4", { pixFmt: "yuv444p" }, /yuv444p/],
    ["AC-3 sound", "mp4", { audioCodec: "ac3" }, /ac3/],
    ["plain MP3 audio", "mp3", { hasVideo: false, videoCodec: null, audioCodec: "mp3" }, null],
    ["WAV audio", "wav", { hasVideo: false, videoCodec: null, audioCodec: "pcm_s16le" }, null],
  ] as const)("%s", (_label, format, p, want) => {
    const reason = proxyReason(format, probe(p as Partial<ProbeInfo>));
    if (want === null) expect(reason).toBeNull();
    else expect(reason).toMatch(want);
  });
});

describe("proxyArgs", () => {
  it("makes a 480p H.264/AAC fast-start MP4 with even sizes", () => {
    const args = proxyArgs("/in.avi", "/proxy.mp4", probe());
    const vf = args[args.indexOf("-vf") + 1];
    expect(vf).toContain("trunc(min(480,ih)/2)*2");
    expect(vf).toContain("format=yuv420p");
    expect(args).toEqual(
      expect.arrayContaining(["libx264", "aac", "+faststart", "0:V:0", "0:a:0"]),
    );
  });

  it("leaves out what the source does not have", () => {
    expect(proxyArgs("/in", "/out", probe({ hasAudio: false }))).not.toContain("aac");
    const audioOnly = proxyArgs("/in", "/out", probe({ hasVideo: false }));
    expect(audioOnly).not.toContain("libx264");
    expect(audioOnly).not.toContain("-vf");
  });
});

describe("checks beside ffprobe", () => {
  it("copies the last second from the end, every packet counted on stdout", () => {
    const args = tailCheckFromEndArgs("/in.mp4", true);
    expect(args.slice(args.indexOf("-seek2any"), args.indexOf("-i") + 2)).toEqual([
      "-seek2any",
      "1",
      "-sseof",
      "-1",
      "-i",
      "/in.mp4",
    ]);
    expect(args.slice(args.indexOf("-i") + 2)).toEqual([
      "-map",
      "0:V?",
      "-map",
      "0:a?",
      "-c",
      "copy",
      "-copyinkf",
      "-f",
      "framecrc",
      "pipe:1",
    ]);
  });

  it("seeks to any packet only where the index lists them all", () => {
    expect(tailCheckFromEndArgs("/in.mkv")).not.toContain("-seek2any");
    expect(["mp4", "mov", "mkv", "webm", "avi", "mp3"].filter(seeksToAnyPacket)).toEqual([
      "mp4",
      "mov",
    ]);
  });

  it("has ffprobe decode the first packets only when asked", () => {
    expect(probeArgs("/in.mp4")).not.toContain("-show_frames");
    const args = probeArgs("/in.mp4", true);
    expect(args.slice(args.indexOf("-show_frames"), -1)).toEqual([
      "-show_frames",
      "-show_entries",
      "frame=media_type",
      "-read_intervals",
      "%+#3",
    ]);
    expect(args).toContain("-show_streams");
  });

  it("counts framecrc lines, not its comments", () => {
    expect(
      framecrcLines(
        "#tb 0: 1/12800\n#media_type 0: video\n0,      0,      0,      512,  1739774, 0xf69317b0\n0,    512,    512,      512,  17392, 0x728eda66, F=0x0\n",
      ),
    ).toBe(2);
    expect(framecrcLines("#software: Lavf59.27.100\n")).toBe(0);
    expect(framecrcLines("")).toBe(0);
  });
});

describe("tail check", () => {
  it("decodes the last second", () => {
    const args = tailCheckArgs("/in.mp4", 5000);
    expect(args.slice(args.indexOf("-ss"), args.indexOf("-ss") + 2)).toEqual(["-ss", "4.000"]);
    expect(args.slice(-3)).toEqual(["-f", "null", "-"]);
  });

  it.each([
    ["[mov,mp4 @ 0x1] stream 0, offset 0xedcc: partial file", true],
    ["Error while decoding stream #0:0: Invalid data found when processing input", true],
    ["", false],
    ["[aac @ 0x1] Too many bits 8832 > 6144 per frame requested", false],
  ])("%j -> %s", (stderr, want) => {
    expect(looksTruncated(stderr)).toBe(want);
  });
});
