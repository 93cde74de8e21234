import { describe, expect, it } from "vitest";
import type { Op } from "@/lib/plan/schema";
import { applyOp } from "./apply-op";
import { clips, fakeMedia, music, run, videoDraft } from "@/tests/support/engine/ops-testing";

// volume, fade, music, remove_music, normalize.

const song = fakeMedia("song", "audio", 5000);
const longSong = fakeMedia("long", "audio", 60_000, {});

describe("audio", () => {
  it("sets and mutes the clips' own sound, with decibels in the reply", () => {
    const { draft, ctx } = videoDraft([4000, 4000]);
    const r = run(draft, [{ op: "volume", level: 0.5 }], ctx);
    expect(clips(r.draft).map((c) => c.volume)).toEqual([0.5, 0.5]);
    expect(r.summary).toBe("Set the sound of all clips to 50% (-6 dB).");
    const muted = run(r.draft, [{ op: "volume", level: 0, target: { index: 1 } }], ctx);
    expect(clips(muted.draft).map((c) => c.volume)).toEqual([0.5, 0]);
    expect(muted.summary).toBe("Muted clip 2.");
  });

  it("adds music looped to the video with a fade out and ducking, then follows cuts", () => {
    const { draft, ctx } = videoDraft([12_000], [song]);
    const r = run(draft, [{ op: "music" }], ctx);
    expect(music(r.draft)).toMatchObject({
      src: "song",
      st: 0,
      d: 12_000,
      in: 0,
      out: 5000,
      loop: true,
      volume: 0.3,
      duck: true,
      fadeOut: 1500,
    });
    expect(r.summary).toMatch(
      /"song\.mp3" as background music at 30%, looped to fill 0:12, fading out over the last 1\.5 s; it dips under speech/,
    );
    const cut = run(r.draft, [{ op: "cut", from: 0, to: 4 }], ctx);
    expect(music(cut.draft)).toMatchObject({ st: 0, d: 8000, loop: true });
    const louder = run(cut.draft, [{ op: "volume", level: 0.6, track: "music" }], ctx);
    expect(music(louder.draft)?.volume).toBe(0.6);
    expect(clips(louder.draft)[0].volume).toBe(1);
    const gone = run(louder.draft, [{ op: "remove_music" }], ctx);
    expect(music(gone.draft)).toBeUndefined();
  });

  it("trims long music to the video and finds it by file name", () => {
    const { draft, ctx } = videoDraft([10_000], [song, longSong]);
    const r = run(draft, [{ op: "music", source: "long.mp3", level: 0.2, duck: false }], ctx);
    expect(music(r.draft)).toMatchObject({
      src: "long",
      d: 10_000,
      out: 10_000,
      loop: false,
      volume: 0.2,
      duck: false,
    });
    expect(r.summary).toMatch(/trimmed to 0:10/);
    const replaced = run(r.draft, [{ op: "music", source: "song" }], ctx);
    expect(replaced.draft.t.filter((t) => t.m.role === "music")).toHaveLength(1);
    expect(music(replaced.draft)?.src).toBe("song");
  });

  it("moves a sound file from the audio track to music instead of playing it twice", () => {
    const { draft, ctx } = videoDraft([6000], [song]);
    const placed = run(draft, [{ op: "add_clips", mediaIds: ["song"] }], ctx);
    expect(placed.draft.t.some((t) => t.m.role === "voice")).toBe(true);
    const r = run(placed.draft, [{ op: "music", source: "song" }], ctx);
    expect(r.draft.t.some((t) => t.m.role === "voice")).toBe(false);
  });

  it("a voice-over is cut where the picture is cut, and keeps its own pace when the picture speeds up", () => {
    const { draft, ctx } = videoDraft([10_000], [fakeMedia("vo", "audio", 8000)]);
    const placed = run(draft, [{ op: "add_clips", mediaIds: ["vo"] }], ctx);
    const cut = run(placed.draft, [{ op: "cut", from: 2, to: 4 }], ctx);
    const voice = () =>
      cut.draft.t.find((t) => t.m.role === "voice")!.sg.map((s) => [s.st, s.d, s.in, s.out]);
    expect(voice()).toEqual([
      [0, 2000, 0, 2000],
      [2000, 4000, 4000, 8000],
    ]);
    const fast = run(cut.draft, [{ op: "speed", factor: 2 }], ctx);
    // The picture is now 4 s: the sound is placed at the new times, not stretched, and stops at the end.
    expect(
      fast.draft.t.find((t) => t.m.role === "voice")!.sg.map((s) => [s.st, s.d, s.in, s.out]),
    ).toEqual([
      [0, 1000, 0, 1000],
      [1000, 3000, 4000, 7000],
    ]);
    expect(fast.draft.d).toBe(4000);
  });

  const fades: { name: string; lengths: number[]; op: Op; fades: number[][]; summary: RegExp }[] = [
    {
      name: "whole video: in on the first clip, out on the last",
      lengths: [4000, 4000],
      op: { op: "fade", in: 1, out: 2 },
      fades: [
        [1000, 0],
        [0, 2000],
      ],
      summary: /^Added a 1 s fade in and added a 2 s fade out \(picture and sound\)\.$/,
    },
    {
      name: "each clip",
      lengths: [4000, 4000],
      op: { op: "fade", in: 0.5, target: "all" },
      fades: [
        [500, 0],
        [500, 0],
      ],
      summary: /on all clips/,
    },
    {
      name: "remove a fade",
      lengths: [4000],
      op: { op: "fade", in: 0 },
      fades: [[0, 0]],
      summary: /removed the fade in/i,
    },
  ];
  it.each(fades)("fade: $name", ({ lengths, op, fades: want, summary }) => {
    const { draft, ctx } = videoDraft(lengths);
    const r = run(draft, [op], ctx);
    expect(clips(r.draft).map((c) => [c.fadeIn, c.fadeOut])).toEqual(want);
    expect(r.summary).toMatch(summary);
  });

  it("normalize records the loudness target", () => {
    const { draft, ctx } = videoDraft([4000]);
    expect(run(draft, [{ op: "normalize" }], ctx).draft.m.loudness).toBe(-14);
    expect(run(draft, [{ op: "normalize", lufs: -16 }], ctx).summary).toMatch(/-16 LUFS/);
  });

  const errors: { name: string; op: Op; media?: boolean; message: RegExp }[] = [
    {
      name: "music volume without music",
      op: { op: "volume", level: 0.5, track: "music" },
      message: /no background music yet/,
    },
    {
      name: "remove music without music",
      op: { op: "remove_music" },
      message: /no background music to remove/,
    },
    {
      name: "music with no audio uploaded",
      op: { op: "music" },
      message: /Upload a song or audio file first/,
    },
    {
      name: "music from a file that is not there",
      op: { op: "music", source: "missing.mp3" },
      media: true,
      message: /could not find "missing\.mp3"/,
    },
    {
      name: "fade without a length",
      op: { op: "fade" },
      message: /Say how long the fade should be/,
    },
    {
      name: "fades longer than the clip",
      op: { op: "fade", in: 3, out: 3 },
      message: /fades \(6 s\) are longer than clip 1 \(4 s\)/,
    },
  ];
  it.each(errors)("refuses: $name", ({ op, media, message }) => {
    const { draft, ctx } = videoDraft([4000], media ? [song] : []);
    expect(() => applyOp(draft, op, ctx)).toThrow(message);
  });
});
