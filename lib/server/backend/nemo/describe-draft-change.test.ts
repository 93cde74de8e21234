import { describe, expect, it } from "vitest";
import { draftSchema, type Draft } from "@/lib/draft/schema";
import { describeDraftChange } from "./describe-draft-change";

const clip = (id: string, st: number, d: number, extra = {}) => ({
  id,
  st,
  d,
  src: "m1",
  name: "intro.mp4",
  in: 0,
  out: d,
  ...extra,
});
const cue = (id: string, st: number, d: number, extra = {}) => ({
  id,
  st,
  d,
  text: `cue ${id}`,
  kind: "caption",
  ...extra,
});

function draft(tracks: unknown[], m: Record<string, unknown> = {}): Draft {
  return draftSchema.parse({ t: tracks, d: 0, m: { title: "p", ...m } });
}

const base = draft([{ tt: 0, sg: [clip("a", 0, 10_000)] }]);
const withCaptions = draft([
  { tt: 0, sg: [clip("a", 0, 10_000)] },
  { tt: 7, sg: [cue("1", 0, 2000), cue("2", 2000, 2000)], m: { role: "captions" } },
]);

describe("describeDraftChange", () => {
  it.each<[string, Draft | null, Draft, RegExp]>([
    ["clips added to an empty timeline", null, base, /added 1 clip to the timeline/],
    [
      "trimmed",
      base,
      draft([{ tt: 0, sg: [clip("a", 0, 7000)] }]),
      /cut the video to 7 s \(was 10 s\)/,
    ],
    ["captions added", base, withCaptions, /added captions \(2 cues\)/],
    ["captions removed", withCaptions, base, /removed the captions/],
    [
      "captions bigger",
      withCaptions,
      draft([
        { tt: 0, sg: [clip("a", 0, 10_000)] },
        {
          tt: 7,
          sg: [cue("1", 0, 2000, { size: 0.09 }), cue("2", 2000, 2000, { size: 0.09 })],
          m: { role: "captions" },
        },
      ]),
      /made the captions bigger/,
    ],
    [
      "title added",
      base,
      draft([
        { tt: 0, sg: [clip("a", 0, 10_000)] },
        { tt: 7, sg: [{ id: "t", st: 0, d: 3000, text: "Urban Dreams" }] },
      ]),
      /added the title "Urban Dreams"/,
    ],
    [
      "music added",
      base,
      draft([
        { tt: 0, sg: [clip("a", 0, 10_000)] },
        {
          tt: 1,
          sg: [{ id: "b", st: 0, d: 10_000, src: "m2", name: "Lo-fi", out: 10_000, volume: 0.35 }],
        },
      ]),
      /added "Lo-fi" as background music/,
    ],
    [
      "vertical frame",
      base,
      draft([{ tt: 0, sg: [clip("a", 0, 10_000)] }], { width: 1080, height: 1920 }),
      /changed the frame to 1080x1920/,
    ],
    [
      "speed",
      base,
      draft([{ tt: 0, sg: [clip("a", 0, 5000, { speed: 2, out: 10_000 })] }]),
      /set the speed to 2x/,
    ],
    [
      "muted",
      base,
      draft([{ tt: 0, sg: [clip("a", 0, 10_000, { volume: 0 })] }]),
      /muted the clips' own sound/,
    ],
    [
      "color",
      base,
      draft([{ tt: 0, sg: [clip("a", 0, 10_000, { color: "warm" })] }]),
      /"warm" color look/,
    ],
    [
      "something unknown",
      base,
      draft([{ tt: 0, sg: [clip("a", 0, 10_000, { zoom: 2 })] }]),
      /updated the timeline/,
    ],
  ])("%s", (_name, before, after, expected) => {
    const text = describeDraftChange(before, after)!;
    expect(text).toMatch(/^Done: .*\.$/);
    expect(text).toMatch(expected);
  });

  it("is null when nothing changed", () => {
    expect(describeDraftChange(base, structuredClone(base))).toBeNull();
  });

  it("lists several changes in one sentence", () => {
    const after = draft([
      { tt: 0, sg: [clip("a", 0, 9000)] },
      { tt: 7, sg: [cue("1", 0, 2000)], m: { role: "captions" } },
    ]);
    expect(describeDraftChange(base, after)).toBe(
      "Done: cut the video to 9 s (was 10 s); added captions (1 cue).",
    );
  });
});
