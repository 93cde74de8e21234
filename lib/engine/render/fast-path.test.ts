import { describe, expect, it } from "vitest";
import { layoutTimeline } from "./layout-timeline";
import { buildFastPathArgs, concatList, planFastPath } from "./fast-path";
import { outputSpec } from "./presets";
import { fakeMedia, makeDraft } from "@/tests/support/engine/test-drafts";

const media = {
  a: fakeMedia("a"),
  a2: fakeMedia("a2"),
  mono: fakeMedia("mono", { channels: 1 }),
  hevc: fakeMedia("hevc", { videoCodec: "hevc" }),
  small: fakeMedia("small", { width: 1280, height: 720 }),
  rotated: fakeMedia("rotated", { rotation: 90 }),
  vfr: fakeMedia("vfr", { vfr: true }),
  fps25: fakeMedia("fps25", { fps: 25 }),
  yuv444: fakeMedia("yuv444", { pixFmt: "yuv444p" }),
  other: fakeMedia("other", { profile: "Main" }),
};

const plan = (
  draft: ReturnType<typeof makeDraft>,
  preset: "youtube" | "shorts" = "youtube",
  preview = false,
) => planFastPath(layoutTimeline(draft, media), outputSpec(draft, preset, preview));

describe("planFastPath", () => {
  it("copies a plain trim of a clip that already fits", () => {
    expect(plan(makeDraft({ video: [{ src: "a", in: 2000, out: 7000 }] }))).toMatchObject({
      kind: "trim",
      copyAudio: true,
    });
  });

  it("copies whole clips joined end to end when their streams match", () => {
    expect(
      plan(
        makeDraft({
          video: [
            { src: "a", out: 10_000 },
            { src: "a2", out: 10_000 },
          ],
        }),
      ),
    ).toMatchObject({ kind: "concat" });
  });

  it("copies the picture but encodes sound that is not AAC 48 kHz stereo", () => {
    expect(plan(makeDraft({ video: [{ src: "mono", out: 3000 }] }))).toMatchObject({
      kind: "trim",
      copyAudio: false,
    });
  });

  it.each([
    ["another codec", makeDraft({ video: [{ src: "hevc", out: 3000 }] })],
    ["another size", makeDraft({ video: [{ src: "small", out: 3000 }] })],
    ["a rotated phone clip", makeDraft({ video: [{ src: "rotated", out: 3000 }] })],
    ["variable frame rate", makeDraft({ video: [{ src: "vfr", out: 3000 }] })],
    ["another frame rate", makeDraft({ video: [{ src: "fps25", out: 3000 }] })],
    ["another pixel format", makeDraft({ video: [{ src: "yuv444", out: 3000 }] })],
    ["a speed change", makeDraft({ video: [{ src: "a", out: 4000, d: 2000, speed: 2 }] })],
    ["a volume change", makeDraft({ video: [{ src: "a", out: 3000, volume: 0.5 }] })],
    ["a fade", makeDraft({ video: [{ src: "a", out: 3000, fadeIn: 500 }] })],
    ["a colour preset", makeDraft({ video: [{ src: "a", out: 3000, color: "warm" }] })],
    ["a flip", makeDraft({ video: [{ src: "a", out: 3000, hflip: true }] })],
    ["a title", makeDraft({ video: [{ src: "a", out: 3000 }], text: [{ text: "Hi" }] })],
    ["music", makeDraft({ video: [{ src: "a", out: 3000 }], audio: [{ src: "a2", out: 3000 }] })],
    ["loudness", makeDraft({ video: [{ src: "a", out: 3000 }], m: { loudness: -14 } })],
    [
      "a gap",
      makeDraft({
        video: [
          { src: "a", out: 1000 },
          { src: "a", st: 2000, out: 1000 },
        ],
      }),
    ],
    [
      "a trimmed clip in a join",
      makeDraft({
        video: [
          { src: "a", in: 1000, out: 10_000 },
          { src: "a2", out: 10_000 },
        ],
      }),
    ],
    [
      "clips with different streams",
      makeDraft({
        video: [
          { src: "a", out: 10_000 },
          { src: "other", out: 10_000 },
        ],
      }),
    ],
    [
      "a crossfade",
      makeDraft({
        video: [
          { src: "a", out: 10_000 },
          { src: "a2", out: 10_000, transitionIn: 500 },
        ],
      }),
    ],
  ])("re-encodes with %s", (_, draft) => {
    expect(plan(draft)).toBeNull();
  });

  it("re-encodes for another frame shape and for previews", () => {
    expect(plan(makeDraft({ video: [{ src: "a", out: 3000 }] }), "shorts")).toBeNull();
    expect(plan(makeDraft({ video: [{ src: "a", out: 3000 }] }), "youtube", true)).toBeNull();
  });
});

describe("buildFastPathArgs", () => {
  it("seeks the input and copies both streams for a trim", () => {
    const draft = makeDraft({ video: [{ src: "a", in: 2000, out: 7000 }] });
    const p = plan(draft)!;
    expect(buildFastPathArgs(p, "/o.part", outputSpec(draft, "youtube", false), null)).toEqual([
      "-hide_banner",
      "-loglevel",
      "error",
      "-y",
      "-ss",
      "2",
      "-t",
      "5",
      "-i",
      "/media/a.mp4",
      "-map",
      "0:v:0",
      "-map",
      "0:a:0",
      "-c:v",
      "copy",
      "-c:a",
      "copy",
      "-movflags",
      "+faststart",
      "-f",
      "mp4",
      "/o.part",
    ]);
  });

  it("adds a silent stereo track to a clip without sound", () => {
    const m = { ...media, quiet: fakeMedia("quiet", { hasAudio: false, audioCodec: null }) };
    const draft = makeDraft({ video: [{ src: "quiet", out: 3000 }] });
    const p = planFastPath(layoutTimeline(draft, m), outputSpec(draft, "youtube", false))!;
    const args = buildFastPathArgs(p, "/o.part", outputSpec(draft, "youtube", false), null).join(
      " ",
    );
    expect(args).toContain(
      "-f lavfi -t 3 -i anullsrc=r=48000:cl=stereo -map 0:v:0 -map 1:a:0 -c:v copy -c:a aac",
    );
  });

  it("quotes paths in the concat list", () => {
    expect(concatList(["/a/it's.mp4", "/b.mp4"])).toBe(
      "ffconcat version 1.0\nfile '/a/it'\\''s.mp4'\nfile '/b.mp4'\n",
    );
  });
});
