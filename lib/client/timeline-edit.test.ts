import { describe, expect, it } from "vitest";
import type { VideoSegment } from "@/lib/draft/schema";
import {
  clampEdgeDelta,
  clipAt,
  dropIndex,
  edgeOp,
  formatTenths,
  groupSlivers,
  maxZoomFor,
  rangeCutOp,
  reorderOp,
  snap,
  snapTargets,
  visibleRange,
  wordSnapTargets,
  type SnapWord,
} from "./timeline-edit";

// The arithmetic behind the timeline's gestures and its virtualization.

const clip = (o: Partial<VideoSegment>): VideoSegment => ({
  id: "c",
  st: 0,
  d: 4000,
  src: "m",
  in: 1000,
  out: 5000,
  speed: 1,
  volume: 1,
  fadeIn: 0,
  fadeOut: 0,
  rotate: 0,
  hflip: false,
  vflip: false,
  color: "none",
  transitionIn: 0,
  ...o,
});

describe("visibleRange", () => {
  const segs = Array.from({ length: 1000 }, (_, i) => ({ st: i * 3600, d: 3600 }));
  it.each([
    ["the start", 0, 10_000, [0, 3]],
    ["the middle", 360_000, 367_200, [100, 102]],
    ["past the end", 5_000_000, 6_000_000, [1000, 1000]],
    ["an edge exactly at a cut", 3600, 3601, [1, 2]],
  ] as const)("%s", (_n, from, to, want) => {
    expect(visibleRange(segs, from, to)).toEqual(want);
  });
});

describe("snap", () => {
  it.each([
    [1005, [1000, 2000], 10, 1000],
    [1015, [1000, 2000], 10, 1015],
    [1996, [1000, 1990, 2000], 10, 2000],
  ])("%d with targets %j within %d -> %d", (ms, targets, within, want) => {
    expect(snap(ms, targets, within).ms).toBe(want);
  });
});

describe("snapping to word boundaries", () => {
  // Source "m" has three words: 300-700 lies before the clip's in point (cut), 1200-1600
  // and 1800-2300 are kept; source "x" belongs to another clip.
  const words: SnapWord[] = [
    { src: "m", ss: 300, se: 700, s: null, e: null },
    { src: "m", ss: 1200, se: 1600, s: 5200, e: 5600 },
    { src: "m", ss: 1800, se: 2300, s: 5800, e: 6300 },
    { src: "x", ss: 100, se: 400, s: 9100, e: 9400 },
  ];
  const c = clip({ st: 5000, in: 1000, out: 5000, d: 4000 });

  it("places each word of the clip's own source where the edge would show it, cut words too", () => {
    expect(wordSnapTargets(words, c)).toEqual([4300, 4700, 5200, 5600, 5800, 6300]);
  });
  it("follows the clip's speed", () => {
    expect(
      wordSnapTargets(words, clip({ st: 5000, in: 1000, out: 5000, d: 2000, speed: 2 })),
    ).toEqual([4650, 4850, 5100, 5300, 5400, 5650]);
  });
  it("for a text block: the kept words' starts and ends on the timeline", () => {
    expect(wordSnapTargets(words)).toEqual([5200, 5600, 5800, 6300, 9100, 9400]);
  });
  it("a left edge dragged near a word's start lands on it, between the words; far from any boundary it stays free", () => {
    const draft = { t: [{ tt: 0, sg: [c] }] } as unknown as Parameters<typeof snapTargets>[0];
    const targets = snapTargets(draft, 0, c.id).concat(wordSnapTargets(words, c));
    expect(snap(5795, targets, 20)).toEqual({ ms: 5800, to: 5800 });
    expect(snap(4310, targets, 20)).toEqual({ ms: 4300, to: 4300 });
    expect(snap(5700, targets, 20)).toEqual({ ms: 5700, to: null });
    // Without the words the same drag does not snap: the targets are what changed.
    expect(snap(5795, snapTargets(draft, 0, c.id), 20).to).toBeNull();
  });
});

describe("edges", () => {
  it("a left edge stops at the source start and 100 ms before the right edge", () => {
    expect(clampEdgeDelta(clip({}), "left", -5000, 10_000)).toBe(-1000);
    expect(clampEdgeDelta(clip({}), "left", 9000, 10_000)).toBe(3900);
  });
  it("a right edge stops at the end of the source; at 2x speed output time is half", () => {
    expect(clampEdgeDelta(clip({}), "right", 9000, 6000)).toBe(1000);
    expect(clampEdgeDelta(clip({ speed: 2, d: 2000 }), "right", 9000, 6000)).toBe(500);
  });
  it("the op carries source seconds", () => {
    expect(edgeOp(clip({}), 2, "left", 2000)).toEqual({ op: "clip_bounds", index: 2, in: 3 });
    expect(edgeOp(clip({ speed: 2 }), 0, "right", -500)).toEqual({
      op: "clip_bounds",
      index: 0,
      out: 4,
    });
  });
});

describe("reorder and ranges", () => {
  it("a dragged clip lands in the slot nearest its left edge", () => {
    const clips = [
      { st: 0, d: 2000 },
      { st: 2000, d: 2000 },
    ];
    expect(dropIndex(clips, 500)).toBe(0);
    expect(dropIndex(clips, 2500)).toBe(1);
    expect(dropIndex(clips, 3500)).toBe(2);
  });
  it("moves clip 0 after clip 1, and sends nothing for no move", () => {
    expect(reorderOp(2, 0, 1)).toEqual({ op: "reorder", order: [1, 0] });
    expect(reorderOp(3, 2, 0)).toEqual({ op: "reorder", order: [2, 0, 1] });
    expect(reorderOp(2, 0, 0)).toBeNull();
  });
  it("an I/O range becomes a cut in either order; an empty one nothing", () => {
    expect(rangeCutOp(3000, 1000)).toEqual({ op: "cut", from: 1, to: 3 });
    expect(rangeCutOp(1000, 1010)).toBeNull();
  });
  it("zooms far enough for an hour, and reads out tenths", () => {
    expect(maxZoomFor(3_600_000, 1000, 32)).toBe(720);
    expect(maxZoomFor(10_000, 1000, 32)).toBe(32);
    expect(formatTenths(3_723_450)).toBe("1:02:03.5");
    expect(formatTenths(2400)).toBe("0:02.4");
  });
});

describe("groupSlivers", () => {
  // 1,000 one-second clips end to end at 0.0013 px/ms (an hour-ish fit): every clip ~1.3 px.
  const clips = Array.from({ length: 1000 }, (_, i) => ({ id: `c${i}`, st: i * 1000, d: 1000 }));

  it("merges touching slivers into runs that cover them all, in order", () => {
    const items = groupSlivers(clips, 0, 1000, 0.0013, 6, []);
    expect(items).toEqual([
      { kind: "run", from: 0, to: 1000, left: 0, width: 1000 * 1000 * 0.0013 },
    ]);
  });

  it("keeps a selected or dragged clip on its own, splitting the run around it", () => {
    const items = groupSlivers(clips, 0, 10, 0.0013, 6, ["c4"], "c7");
    expect(items.map((x) => (x.kind === "run" ? `run ${x.from}-${x.to}` : x.seg.id))).toEqual([
      "run 0-4",
      "c4",
      "run 5-7",
      "c7",
      "run 8-10",
    ]);
  });

  it("draws wide clips as themselves and a lone sliver as itself", () => {
    const mixed = [
      { id: "wide", st: 0, d: 100_000 },
      { id: "thin", st: 100_000, d: 1000 },
      { id: "wide2", st: 101_000, d: 100_000 },
    ];
    expect(
      groupSlivers(mixed, 0, 3, 0.0013, 6, []).map((x) => (x.kind === "seg" ? x.seg.id : "run")),
    ).toEqual(["wide", "thin", "wide2"]);
  });

  it("does not bridge a visible gap between slivers", () => {
    const gapped = [
      { id: "a", st: 0, d: 1000 },
      { id: "b", st: 1000, d: 1000 },
      { id: "c", st: 10_000, d: 1000 },
      { id: "d", st: 11_000, d: 1000 },
    ];
    const items = groupSlivers(gapped, 0, 4, (0.5 / 1000) * 4, 6, []);
    expect(items.map((x) => (x.kind === "run" ? `run ${x.from}-${x.to}` : x.seg.id))).toEqual([
      "run 0-2",
      "run 2-4",
    ]);
  });

  it("only looks at the visible range it is given", () => {
    expect(groupSlivers(clips, 100, 200, 0.0013, 6, [])).toEqual([
      { kind: "run", from: 100, to: 200, left: 100_000 * 0.0013, width: 100_000 * 0.0013 },
    ]);
  });
});

describe("clipAt", () => {
  const clips = [{ st: 0 }, { st: 1000 }, { st: 2500 }, { st: 4000 }];
  it.each([
    [0, 0],
    [999, 0],
    [1000, 1],
    [2499, 1],
    [3999, 2],
    [9999, 3],
  ])("%i ms is clip %i", (ms, index) => {
    expect(clipAt(clips, 0, 4, ms)).toBe(index);
  });
  it("stays inside the run it is given", () => {
    expect(clipAt(clips, 1, 3, 9999)).toBe(2);
    expect(clipAt(clips, 1, 3, 0)).toBe(1);
  });
});
