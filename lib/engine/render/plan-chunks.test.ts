import { describe, expect, it } from "vitest";
import { buildRenderArgs } from "./build-render-args";
import { layoutTimeline } from "./layout-timeline";
import { planChunks } from "./plan-chunks";
import { outputSpec } from "./presets";
import { fakeMedia, makeDraft } from "@/tests/support/engine/test-drafts";

const media = { talk: fakeMedia("talk", { durationMs: 3_600_000 }) };
const cuts = (n: number, over: (i: number) => Record<string, unknown> = () => ({})) =>
  makeDraft({
    video: Array.from({ length: n }, (_, i) => ({
      src: "talk",
      in: i * 1000,
      out: i * 1000 + 710,
      ...over(i),
    })),
  });

describe("planChunks", () => {
  it("cuts a hard-cut timeline at item boundaries once a chunk is long enough, counting frames on the grid", () => {
    const layout = layoutTimeline(cuts(100), media); // 100 x 710 ms = 71 s
    const chunks = planChunks(layout, 30, 10_000);
    expect(chunks.length).toBe(7); // 15 clips (10.65 s) each, the last 10
    expect(chunks[0]).toEqual({ first: 0, end: 15, startFrame: 0, frames: 320 });
    // Chunks tile the timeline: each starts where the last ended, and the frames add up to the whole.
    chunks.forEach((c, i) => {
      if (i > 0) expect(c.first).toBe(chunks[i - 1].end);
      if (i > 0) expect(c.startFrame).toBe(chunks[i - 1].startFrame + chunks[i - 1].frames);
    });
    expect(chunks.at(-1)!.end).toBe(100);
    expect(chunks.reduce((n, c) => n + c.frames, 0)).toBe(Math.ceil(71_000 * 0.03));
  });

  it("never starts a chunk inside a crossfade, nor at a cut that falls between frames", () => {
    // Every clip but every fifth fades in from the last; 710 ms clips put most cuts between frames.
    const layout = layoutTimeline(
      cuts(60, (i) => ({ transitionIn: i % 5 === 0 ? 0 : 200 })),
      media,
    );
    const chunks = planChunks(layout, 30, 5_000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks.slice(1)) {
      const item = layout.items[c.first];
      expect(item.type === "clip" && item.transition).toBe(0);
      expect((item.st * 30) % 1000).toBe(0);
      expect(c.startFrame).toBe((item.st * 30) / 1000);
    }
  });

  it("renders no chunks of a timeline shorter than one", () => {
    expect(planChunks(layoutTimeline(cuts(5), media), 30, 10_000)).toHaveLength(1);
  });

  it("gives a chunk on a crossfade timeline the cut to its end that the whole chain makes before the next hard cut", () => {
    const draft = cuts(60, (i) => ({ transitionIn: i % 5 === 0 ? 0 : 200 }));
    const layout = layoutTimeline(draft, media);
    const [first, second] = planChunks(layout, 30, 5_000);
    const args = buildRenderArgs({
      layout,
      out: outputSpec(draft, "youtube", false),
      outputPath: "/o",
      assPath: null,
      part: { kind: "video", ...first },
    });
    const graph = args[args.indexOf("-filter_complex") + 1];
    const end = (layout.items[second.first].st / 1000).toString();
    expect(graph).toContain(`trim=duration=${end},settb=AVTB[vx${first.end - first.first}]`);
    expect(graph).not.toContain("acrossfade");
  });
});
