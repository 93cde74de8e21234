import { describe, expect, it } from "vitest";
import { parsePeaks, slicePeaks } from "./peaks";

describe("parsePeaks", () => {
  it.each([
    ["plain array", [0, 2, 4], { levels: [0, 0.5, 1], perSecond: null }],
    [
      "object with rate",
      { peaksPerSecond: 10, peaks: [1, 2] },
      { levels: [0.5, 1], perSecond: 10 },
    ],
    ["negative values", [-4, 2], { levels: [1, 0.5], perSecond: null }],
    ["silence", [0, 0], { levels: [0, 0], perSecond: null }],
    [
      "audiowaveform min/max pairs",
      {
        version: 2,
        channels: 1,
        sample_rate: 48000,
        samples_per_pixel: 480,
        bits: 8,
        length: 2,
        data: [-10, 5, -2, 20],
      },
      { levels: [0.5, 1], perSecond: 100 },
    ],
  ])("%s", (_n, input, expected) => expect(parsePeaks(input)).toEqual(expected));

  it.each([
    ["null", null],
    ["string", "abc"],
    ["mixed array", [1, "x"]],
    ["object without data", { foo: 1 }],
  ])("rejects %s", (_n, input) => expect(parsePeaks(input)).toBeNull());
});

describe("slicePeaks", () => {
  const peaks = { levels: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], perSecond: null };
  it("takes the loudest level in each bar of the requested window", () => {
    expect(slicePeaks(peaks, 10, 0, 10, 5)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(slicePeaks(peaks, 10, 5, 7, 2)).toEqual([0.6, 0.7]);
  });
  it("uses the stated rate when there is one", () => {
    expect(slicePeaks({ levels: [0, 1, 0.5, 0.25], perSecond: 2 }, 99, 0.5, 1.5, 2)).toEqual([
      1, 0.5,
    ]);
  });
  it("returns nothing for an empty window", () => {
    expect(slicePeaks(peaks, 10, 3, 3, 4)).toEqual([]);
  });
});
