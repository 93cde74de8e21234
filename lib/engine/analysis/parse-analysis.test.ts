import { describe, expect, it } from "vitest";
import { buildIntroArgs, buildSilenceArgs } from "./analysis-args";
import { parseBlack, parseFreezes, parseSceneChanges, parseSilences } from "./parse-analysis";

// Real ffmpeg 5.1 output shapes, including interleaved filters and an open silence at EOF.
const STDERR = `Output #0, null, to 'pipe:':
[silencedetect @ 0x556cf5f55700] silence_start: 0
[freezedetect @ 0x556cf633ffc0] lavfi.freezedetect.freeze_start: 0
[silencedetect @ 0x556cf5f55700] silence_end: 2.00007 | silence_duration: 2.00007
[blackdetect @ 0x556cf633f940] black_start:0 black_end:2 black_duration:2
[freezedetect @ 0x556cf633ffc0] lavfi.freezedetect.freeze_duration: 2
[freezedetect @ 0x556cf633ffc0] lavfi.freezedetect.freeze_end: 2
[scdet @ 0x556cf63406c0] lavfi.scd.score: 41.430, lavfi.scd.time: 2
[silencedetect @ 0x556cf5f55700] silence_start: 7.5
frame=  100 fps=0.0 q=-0.0 Lsize=N/A time=00:00:04.01 bitrate=N/A speed= 119x`;

describe("analysis parsers", () => {
  it.each([
    [
      "pairs and an open silence running to the end",
      STDERR,
      9000,
      [
        { start: 0, end: 2000 },
        { start: 7500, end: 9000 },
      ],
    ],
    [
      "an open silence without a known duration is dropped",
      STDERR,
      undefined,
      [{ start: 0, end: 2000 }],
    ],
    [
      "negative start (audio priming) clamps to 0",
      "silence_start: -0.0213\nsilence_end: 1.5 | silence_duration: 1.52",
      5000,
      [{ start: 0, end: 1500 }],
    ],
    ["nothing found", "Output #0, null\nframe=1", 5000, []],
    ["an end with no start is ignored", "silence_end: 3 | silence_duration: 3", 5000, []],
  ])("silences: %s", (_name, text, dur, expected) => {
    expect(parseSilences(text, dur)).toEqual(expected);
  });

  it("reads black frames, freezes and scene changes", () => {
    expect(parseBlack(STDERR)).toEqual([{ start: 0, end: 2000 }]);
    expect(parseFreezes(STDERR, 9000)).toEqual([{ start: 0, end: 2000 }]);
    expect(parseFreezes("lavfi.freezedetect.freeze_start: 4.2", 9000)).toEqual([
      { start: 4200, end: 9000 },
    ]);
    expect(parseSceneChanges(STDERR)).toEqual([2000]);
    expect(
      parseSceneChanges(
        "lavfi.scd.score: 12.0, lavfi.scd.time: 1.04\nlavfi.scd.score: 30.5, lavfi.scd.time: 6.5",
      ),
    ).toEqual([1040, 6500]);
  });
});

describe("analysis builders", () => {
  it("analyses only the opening of a clip, video and audio in one pass", () => {
    const args = buildIntroArgs("/m/a.mp4", { hasVideo: true, hasAudio: true, limitSeconds: 30 });
    expect(args.slice(args.indexOf("-t"), args.indexOf("-t") + 2)).toEqual(["-t", "30"]);
    expect(args[args.indexOf("-i") + 1]).toBe("/m/a.mp4");
    expect(args[args.indexOf("-vf") + 1]).toMatch(/blackdetect=.*freezedetect=.*scdet=/);
    expect(args[args.indexOf("-af") + 1]).toBe("silencedetect=noise=-35dB:duration=0.3");
    expect(args.slice(-3)).toEqual(["-f", "null", "-"]);
  });
  it("skips the stream a clip does not have", () => {
    expect(buildIntroArgs("a.wav", { hasVideo: false, hasAudio: true })).toContain("-vn");
    const silent = buildIntroArgs("a.mp4", { hasVideo: true, hasAudio: false });
    expect(silent).toContain("-an");
    expect(silent).not.toContain("-af");
  });
  it("measures pauses over the whole sound track with the given threshold", () => {
    const args = buildSilenceArgs("/m/b.mov", { noiseDb: -40, minSeconds: 0.5 });
    expect(args).not.toContain("-t");
    expect(args).toContain("-vn");
    expect(args[args.indexOf("-af") + 1]).toBe("silencedetect=noise=-40dB:duration=0.5");
  });
});
