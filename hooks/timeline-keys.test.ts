import { describe, expect, it } from "vitest";
import type { Draft, VideoSegment } from "@/lib/draft/schema";
import { nudgeClipOp, trimToPlayheadOp } from "./use-timeline-keys";

// The keyboard's way to drag an edge ([ and ]) or a clip (Alt+arrows): the same ops.

const clip = (id: string, st: number, d: number, o: Partial<VideoSegment> = {}): VideoSegment => ({
  id, st, d, src: id, in: 1000, out: 1000 + d, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, rotate: 0, hflip: false, vflip: false, color: "none", transitionIn: 0, ...o,
});
const draft = (...sg: VideoSegment[]) => ({ d: 10_000, m: {}, t: [{ tt: 0, sg }] }) as unknown as Draft;
const two = draft(clip("a", 0, 4000), clip("b", 4000, 6000));

describe("[ and ]", () => {
  it("trim the start or end of the clip under the playhead to it", () => {
    expect(trimToPlayheadOp(two, [], 2000, "left")).toEqual({ op: "clip_bounds", index: 0, in: 3 });
    expect(trimToPlayheadOp(two, [], 7000, "right")).toEqual({ op: "clip_bounds", index: 1, out: 4 });
  });
  it("the selected clip when the playhead is inside it; in source time at the clip's speed", () => {
    const fast = draft(clip("a", 0, 4000), clip("b", 4000, 3000, { speed: 2, out: 7000 }));
    expect(trimToPlayheadOp(fast, ["b"], 5000, "left")).toEqual({ op: "clip_bounds", index: 1, in: 3 });
  });
  it("nothing at a cut or past the end", () => {
    expect(trimToPlayheadOp(two, [], 4000, "left")).toBeNull();
    expect(trimToPlayheadOp(two, [], 10_000, "right")).toBeNull();
  });
});

describe("Alt+arrows", () => {
  it("move the selected clip one place, not past either end", () => {
    expect(nudgeClipOp(two, ["a"], 1)).toEqual({ op: "reorder", order: [1, 0] });
    expect(nudgeClipOp(two, ["b"], -1)).toEqual({ op: "reorder", order: [1, 0] });
    expect(nudgeClipOp(two, ["a"], -1)).toBeNull();
    expect(nudgeClipOp(two, [], 1)).toBeNull();
  });
});
