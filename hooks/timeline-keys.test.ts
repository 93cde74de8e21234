import { describe, expect, it } from "vitest";
import type { Draft, VideoSegment } from "@/lib/draft/schema";
import {
  nudgeClipOp,
  nudgeTextOp,
  textEdgeToPlayheadOp,
  trimToPlayheadOp,
} from "./use-timeline-keys";

// The keyboard's way to drag an edge ([ and ]) or a clip (Alt+arrows): the same ops.

const clip = (id: string, st: number, d: number, o: Partial<VideoSegment> = {}): VideoSegment => ({
  id,
  st,
  d,
  src: id,
  in: 1000,
  out: 1000 + d,
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
const draft = (...sg: VideoSegment[]) =>
  ({ d: 10_000, m: {}, t: [{ tt: 0, sg }] }) as unknown as Draft;
const two = draft(clip("a", 0, 4000), clip("b", 4000, 6000));

describe("[ and ]", () => {
  it("trim the start or end of the clip under the playhead to it", () => {
    expect(trimToPlayheadOp(two, [], 2000, "left")).toEqual({ op: "clip_bounds", index: 0, in: 3 });
    expect(trimToPlayheadOp(two, [], 7000, "right")).toEqual({
      op: "clip_bounds",
      index: 1,
      out: 4,
    });
  });
  it("the selected clip when the playhead is inside it; in source time at the clip's speed", () => {
    const fast = draft(clip("a", 0, 4000), clip("b", 4000, 3000, { speed: 2, out: 7000 }));
    expect(trimToPlayheadOp(fast, ["b"], 5000, "left")).toEqual({
      op: "clip_bounds",
      index: 1,
      in: 3,
    });
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

describe("the same keys on a selected title or caption block", () => {
  const titled = {
    d: 10_000,
    m: {},
    t: [
      { tt: 0, sg: [clip("a", 0, 10_000)] },
      { tt: 7, sg: [{ id: "t1", st: 2000, d: 3000, text: "Hi", kind: "title" }] },
    ],
  } as unknown as Draft;
  it("[ and ] move its start or end to the playhead", () => {
    expect(textEdgeToPlayheadOp(titled, ["t1"], 1000, "left")).toEqual({
      op: "edit_text",
      id: "t1",
      start: 1,
    });
    expect(textEdgeToPlayheadOp(titled, ["t1"], 8000, "right")).toEqual({
      op: "edit_text",
      id: "t1",
      end: 8,
    });
    // Not past its other end.
    expect(textEdgeToPlayheadOp(titled, ["t1"], 6000, "left")).toBeNull();
    expect(textEdgeToPlayheadOp(titled, [], 1000, "left")).toBeNull();
  });
  it("Alt+arrows move it a second, inside the video", () => {
    expect(nudgeTextOp(titled, ["t1"], 1)).toEqual({ op: "edit_text", id: "t1", start: 3, end: 6 });
    expect(nudgeTextOp(titled, ["t1"], -1)).toEqual({
      op: "edit_text",
      id: "t1",
      start: 1,
      end: 4,
    });
    const late = {
      ...titled,
      t: [titled.t[0], { tt: 7, sg: [{ id: "t1", st: 7000, d: 3000, text: "Hi", kind: "title" }] }],
    } as unknown as Draft;
    expect(nudgeTextOp(late, ["t1"], 1)).toBeNull();
  });
});
