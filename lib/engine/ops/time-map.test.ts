import { describe, expect, it } from "vitest";
import { mapOne, mapSpan, survivingLength, type TimeMap } from "./time-map";

// The TimeMap that carries titles, captions and sounds along with the picture.

// Old 0-10 s with 3-5 s cut out, then the rest at double speed from 8 s.
const cutAndFast: TimeMap = [
  { from: 0, to: 3000, at: 0, scale: 1 },
  { from: 5000, to: 8000, at: 3000, scale: 1 },
  { from: 8000, to: 10_000, at: 6000, scale: 0.5 },
];
// Two clips swapped: old 0-4 s now plays at 6 s, old 4-10 s at 0.
const swapped: TimeMap = [
  { from: 4000, to: 10_000, at: 0, scale: 1 },
  { from: 0, to: 4000, at: 6000, scale: 1 },
];

describe("time map", () => {
  it.each([
    { name: "before the cut", map: cutAndFast, s: 1000, e: 2000, spans: [{ s: 1000, e: 2000 }] },
    { name: "inside the cut", map: cutAndFast, s: 3500, e: 4500, spans: [] },
    {
      name: "across the cut closes up",
      map: cutAndFast,
      s: 2000,
      e: 6000,
      spans: [{ s: 2000, e: 4000 }],
    },
    {
      name: "in the fast part is halved",
      map: cutAndFast,
      s: 8000,
      e: 10_000,
      spans: [{ s: 6000, e: 7000 }],
    },
    {
      name: "across a reorder splits in two",
      map: swapped,
      s: 3000,
      e: 5000,
      spans: [
        { s: 0, e: 1000 },
        { s: 9000, e: 10_000 },
      ],
    },
  ])("mapSpan: $name", ({ map, s, e, spans }) => expect(mapSpan(map, s, e)).toEqual(spans));

  it("mapOne keeps the longest part and drops mostly-cut words", () => {
    expect(mapOne(swapped, 3500, 5000)).toEqual({ s: 0, e: 1000 });
    expect(mapOne(cutAndFast, 2800, 3400, 0.5)).toBeNull();
    expect(mapOne(cutAndFast, 2600, 3100, 0.5)).toEqual({ s: 2600, e: 3000 });
    expect(mapOne(cutAndFast, 4000, 4000)).toBeNull();
    expect(mapOne(cutAndFast, 6000, 6000)).toEqual({ s: 4000, e: 4000 });
    expect(survivingLength(cutAndFast, 0, 10_000)).toBe(8000);
  });
});
