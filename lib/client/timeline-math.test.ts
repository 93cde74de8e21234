import { describe, expect, it } from "vitest";
import { draftSchema } from "@/lib/draft/schema";
import {
  mainVideoSegments,
  msFromX,
  sourceAt,
  textAt,
  tickLabel,
  tickStep,
  ticks,
  timelineAt,
} from "./timeline-math";

const draft = draftSchema.parse({
  d: 12_000,
  m: {},
  t: [
    {
      tt: 0,
      sg: [
        { id: "b", src: "m2", st: 5000, d: 5000, in: 0, out: 10_000, speed: 2 },
        { id: "a", src: "m1", st: 0, d: 5000, in: 3000, out: 8000 },
      ],
    },
    { tt: 7, sg: [{ id: "c1", st: 1000, d: 2000, text: "Hello", kind: "caption" }] },
  ],
});

describe("timeline math", () => {
  it("picks a readable tick step for the zoom", () => {
    expect(tickStep(0.1)).toBe(1000); // 100 px per second
    expect(tickStep(0.01)).toBe(10_000);
    expect(tickStep(1)).toBe(100);
    expect(ticks(3000, 0.1)).toEqual([0, 1000, 2000, 3000]);
  });

  it("labels ticks", () => {
    expect(tickLabel(90_000, 10_000)).toBe("1:30");
    expect(tickLabel(2500, 500)).toBe("2.5s");
  });

  it("maps timeline time to the source and back, with in points and speed", () => {
    const segs = mainVideoSegments(draft);
    expect(segs.map((s) => s.id)).toEqual(["a", "b"]);
    expect(sourceAt(segs, 0)).toEqual({ index: 0, sourceSec: 3 });
    expect(sourceAt(segs, 4000)).toEqual({ index: 0, sourceSec: 7 });
    expect(sourceAt(segs, 6000)).toEqual({ index: 1, sourceSec: 2 });
    expect(sourceAt(segs, 99_000)).toEqual({ index: 1, sourceSec: 10 });
    expect(timelineAt(segs[0], 7)).toBe(4000);
    expect(timelineAt(segs[1], 2)).toBe(6000);
    expect(timelineAt(segs[0], 1)).toBe(0);
    expect(sourceAt([], 0)).toBeNull();
  });

  it("finds the text showing at a time", () => {
    expect(textAt(draft, 1500).map((s) => s.text)).toEqual(["Hello"]);
    expect(textAt(draft, 3000)).toEqual([]);
  });

  it("turns pixels into clamped milliseconds", () => {
    expect(msFromX(50, 0.1, 12_000)).toBe(500);
    expect(msFromX(-5, 0.1, 12_000)).toBe(0);
    expect(msFromX(5000, 0.1, 12_000)).toBe(12_000);
  });
});
