import { describe, expect, it } from "vitest";
import { buildAudiogramArgs, isAudiogramLayout, waveBox } from "./build-audiogram-args";
import { layoutTimeline } from "./layout-timeline";
import { outputSpec } from "./presets";
import { fakeMedia, makeDraft } from "@/tests/support/engine/test-drafts";

// The audiogram builder without ffmpeg: which timelines it draws, and what its graph holds.

const voice = fakeMedia(
  "voice",
  { durationMs: 8000, hasVideo: false, videoCodec: null, width: 0, height: 0 },
  "audio",
);
const clip = fakeMedia("clip");
const photo = { ...fakeMedia("photo", { durationMs: 0 }, "image"), path: "/media/photo's pic.png" };
const media = { voice, clip, photo };

const graphOf = (args: string[]) => args[args.indexOf("-filter_complex") + 1];

describe("isAudiogramLayout", () => {
  it.each([
    ["sound on the main track", makeDraft({ video: [{ src: "voice", out: 8000 }] }), true],
    [
      "two sounds with a gap",
      makeDraft({
        video: [
          { src: "voice", out: 3000 },
          { src: "voice", st: 4000, in: 3000, out: 8000 },
        ],
      }),
      true,
    ],
    [
      "sound only on a side track",
      makeDraft({ audio: [{ src: "voice", out: 8000, d: 8000 }], text: [{ text: "Hi", d: 8000 }] }),
      true,
    ],
    ["a video clip", makeDraft({ video: [{ src: "clip", out: 8000 }] }), false],
    ["a photo", makeDraft({ video: [{ src: "photo", out: 3000, d: 3000 }] }), false],
    [
      "sound and a video clip",
      makeDraft({
        video: [
          { src: "voice", out: 3000 },
          { src: "clip", out: 3000 },
        ],
      }),
      false,
    ],
    ["only text", makeDraft({ text: [{ text: "Hi", d: 3000 }] }), false],
  ])("%s -> %s", (_name, draft, yes) => {
    expect(isAudiogramLayout(layoutTimeline(draft, media))).toBe(yes);
  });
});

describe("buildAudiogramArgs", () => {
  const draft = makeDraft({ video: [{ src: "voice", in: 1000, out: 8000 }], m: { loudness: -16 } });
  const layout = layoutTimeline(draft, media);

  it("draws a colour background, a waveform of the sound and the text, for the whole length", () => {
    const out = outputSpec(draft, "youtube", false);
    const args = buildAudiogramArgs({
      layout,
      out,
      outputPath: "/o/x.mp4",
      assPath: "/tmp/a:b.ass",
      audiogram: { background: { color: "#112233" }, wave: "#FFEE00" },
      background: null,
    });
    const graph = graphOf(args);
    expect(args.slice(args.indexOf("-i") - 4, args.indexOf("-i") + 2)).toEqual([
      "-ss",
      "1",
      "-t",
      "7",
      "-i",
      "/media/voice.mp4",
    ]);
    expect(graph).toContain("color=c=0x112233:s=1920x1080:r=30:d=7");
    const box = waveBox(1920, 1080);
    expect(graph).toContain(`showwaves=s=${box.w}x${box.h}:mode=cline:rate=30`);
    expect(graph).toContain("colors=0xFFEE00");
    expect(graph).toContain(
      `format=yuva420p[wave];[bg][wave]overlay=x=${box.x}:y=${box.y}:format=yuv420[vwave]`,
    );
    expect(graph).toContain("loudnorm=I=-16");
    expect(graph).toContain("ass=filename=/tmp/a\\\\:b.ass");
    expect(args.slice(args.indexOf("-map"), args.indexOf("-map") + 4)).toEqual([
      "-map",
      "[vtext]",
      "-map",
      "[aout]",
    ]);
    expect(args.slice(-5)).toEqual(["-t", "7", "-f", "mp4", "/o/x.mp4"]);
  });

  it("holds one frame of a background picture, cropped to fill the frame, under a band for the waveform", () => {
    const out = outputSpec(draft, "reels", false);
    const args = buildAudiogramArgs({
      layout,
      out,
      outputPath: "/o/x.mp4",
      assPath: null,
      audiogram: { background: { src: "photo" }, wave: "#FFFFFF" },
      background: photo,
    });
    const graph = graphOf(args);
    expect(args).toContain("/media/photo's pic.png");
    expect(graph).toMatch(
      /\[1:v\]trim=end_frame=1,.*scale=1080:1920:force_original_aspect_ratio=increase,crop=1080:1920,.*tpad=stop_mode=clone:stop_duration=7,fps=30,trim=duration=7,drawbox=/,
    );
    expect(graph).not.toContain("color=c=");
    expect(args.slice(args.indexOf("-map"), args.indexOf("-map") + 4)).toEqual([
      "-map",
      "[vwave]",
      "-map",
      "[aout]",
    ]);
  });

  it.each([
    [1920, 1080, { w: 1536, h: 302, x: 192, y: 444 }],
    [1080, 1920, { w: 972, h: 346, x: 54, y: 788 }],
  ])("waveBox %ix%i", (w, h, box) => {
    expect(waveBox(w, h)).toEqual(box);
  });
});
