import { describe, expect, it } from "vitest";
import type { Op } from "@/lib/plan/schema";
import { applyOp } from "./apply-op";
import { captionCues, evenWords, run, videoDraft } from "@/tests/support/engine/ops-testing";

// captions, caption_style, remove_captions, and captions staying in sync with the
// picture through later cuts, speed changes and reorders.

const allWords = (d: Parameters<typeof captionCues>[0]) =>
  captionCues(d).flatMap((c) => c.words ?? []);

describe("captions", () => {
  const speech = { v1: { words: evenWords(20, 1000), transcriptEngine: "pocketsphinx 5" } }; // w0..w19 from 1 s to 10.8 s

  it("lays the transcript out as cues on a captions track and names the engine", () => {
    const { draft, ctx } = videoDraft([12_000], [], speech);
    const r = run(draft, [{ op: "captions", language: "en" }], ctx);
    const track = r.draft.t.find((t) => t.m.role === "captions")!;
    expect(track.m).toMatchObject({ role: "captions", engine: "pocketsphinx 5", language: "en" });
    expect(allWords(r.draft).map((w) => w.w)).toEqual(evenWords(20, 1000).map((w) => w.w));
    expect(allWords(r.draft)[0]).toEqual({ w: "w0", s: 1000, e: 1300 });
    expect(captionCues(r.draft).every((c) => c.kind === "caption" && c.style === "classic")).toBe(
      true,
    );
    expect(r.summary).toMatch(
      /Added \d+ captions .*0:01-.*recognised by pocketsphinx 5; style: classic/,
    );
  });

  it("maps words through each clip's in point and speed", () => {
    const { draft, ctx } = videoDraft([12_000], [], speech);
    const trimmed = run(
      draft,
      [
        { op: "trim", start: 2 },
        { op: "speed", factor: 2 },
      ],
      ctx,
    );
    const r = run(trimmed.draft, [{ op: "captions" }], ctx);
    // w2 is said at 2.0-2.3 s in the source: 0-0.15 s in the output.
    expect(allWords(r.draft)[0]).toEqual({ w: "w2", s: 0, e: 150 });
    expect(allWords(r.draft).map((w) => w.w)).not.toContain("w1");
  });

  it("a cut in the middle drops the words inside it and moves later captions earlier", () => {
    const { draft, ctx } = videoDraft([12_000], [], speech);
    const withCaps = run(draft, [{ op: "captions" }], ctx);
    const r = run(withCaps.draft, [{ op: "cut", from: 3, to: 5 }], ctx);
    const words = allWords(r.draft);
    // w4..w7 (3.0-4.8 s) were inside the cut; w8 at 5.0 s is now at 3.0 s.
    expect(words.map((w) => w.w)).not.toContain("w4");
    expect(words.map((w) => w.w)).not.toContain("w7");
    expect(words.find((w) => w.w === "w8")).toEqual({ w: "w8", s: 3000, e: 3300 });
    expect(words.find((w) => w.w === "w3")).toEqual({ w: "w3", s: 2500, e: 2800 });
    expect(
      captionCues(r.draft)
        .map((c) => c.text)
        .join(" "),
    ).not.toMatch(/\bw5\b/);
  });

  it("2x speed halves caption times", () => {
    const { draft, ctx } = videoDraft([12_000], [], speech);
    const withCaps = run(draft, [{ op: "captions" }], ctx);
    const before = allWords(withCaps.draft);
    const r = run(withCaps.draft, [{ op: "speed", factor: 2 }], ctx);
    expect(allWords(r.draft)).toEqual(
      before.map((w) => ({ ...w, s: Math.round(w.s / 2), e: Math.round(w.e / 2) })),
    );
  });

  it("a reorder moves captions with their clip", () => {
    const { draft, ctx } = videoDraft([4000, 6000], [], {
      v1: { words: evenWords(4, 0, 1000, 400, "a") },
      v2: { words: evenWords(4, 0, 1000, 400, "b") },
    });
    const withCaps = run(draft, [{ op: "captions" }], ctx);
    const r = run(withCaps.draft, [{ op: "reorder", order: [1, 0] }], ctx);
    const words = allWords(r.draft);
    expect(words[0]).toEqual({ w: "b0", s: 0, e: 400 });
    expect(words.find((w) => w.w === "a0")).toEqual({ w: "a0", s: 6000, e: 6400 });
  });

  it("breaks cues where the picture jumps to another clip, but not across a removed filler", () => {
    const two = videoDraft([2000, 2000], [], {
      v1: { words: evenWords(4, 0, 500, 400, "a") },
      v2: { words: evenWords(4, 0, 500, 400, "b") },
    });
    const caps = run(two.draft, [{ op: "captions" }], two.ctx);
    expect(captionCues(caps.draft).map((c) => c.text)).toEqual(["a0 a1 a2 a3", "b0 b1 b2 b3"]);
    const one = videoDraft([4000], [], {
      v1: {
        words: [
          { w: "so", s: 0, e: 300 },
          { w: "um", s: 400, e: 700 },
          { w: "this", s: 800, e: 1100 },
          { w: "works.", s: 1200, e: 1600 },
        ],
      },
    });
    const cleaned = run(one.draft, [{ op: "captions" }, { op: "remove_fillers" }], one.ctx);
    expect(captionCues(cleaned.draft).map((c) => c.text)).toEqual(["so this works."]);
  });

  it("restyles, resizes (bigger = x1.25), moves, replaces and removes", () => {
    const { draft, ctx } = videoDraft([12_000], [], speech);
    const caps = run(draft, [{ op: "captions", style: "bold" }], ctx);
    expect(captionCues(caps.draft)[0]).toMatchObject({ style: "bold", size: 0.075 });
    const bigger = run(caps.draft, [{ op: "caption_style", scale: 1.25 }], ctx);
    expect(captionCues(bigger.draft).every((c) => c.size === 0.094)).toBe(true);
    expect(bigger.summary).toMatch(/bigger \(7\.5% -> 9\.4% of the frame height\)/);
    const top = run(
      bigger.draft,
      [{ op: "caption_style", position: "top", style: "highlight" }],
      ctx,
    );
    expect(captionCues(top.draft)[0]).toMatchObject({ style: "highlight", position: "top" });
    const again = run(top.draft, [{ op: "captions" }], ctx);
    expect(again.draft.t.filter((t) => t.m.role === "captions")).toHaveLength(1);
    expect(captionCues(again.draft)[0]).toMatchObject({ style: "highlight", position: "top" });
    expect(again.summary).toMatch(/Replaced the captions/);
    const gone = run(again.draft, [{ op: "remove_captions" }], ctx);
    expect(captionCues(gone.draft)).toHaveLength(0);
  });

  const errors: { name: string; analysis: Record<string, object>; op: Op; message: RegExp }[] = [
    {
      name: "no transcript yet",
      analysis: {},
      op: { op: "captions" },
      message: /transcribe the speech.*ask for captions in the chat/,
    },
    {
      name: "no speech heard",
      analysis: { v1: { words: [] } },
      op: { op: "captions" },
      message: /could not hear any speech.*\.srt or \.vtt/,
    },
    {
      name: "restyle without captions",
      analysis: {},
      op: { op: "caption_style", scale: 1.25 },
      message: /no captions yet/,
    },
    {
      name: "restyle with nothing to change",
      analysis: speech,
      op: { op: "caption_style" },
      message: /Say what to change/,
    },
    {
      name: "remove without captions",
      analysis: {},
      op: { op: "remove_captions" },
      message: /no captions to remove/,
    },
  ];
  it.each(errors)("refuses: $name", ({ analysis, op, message }) => {
    const { draft, ctx } = videoDraft([12_000], [], analysis);
    const start =
      op.op === "caption_style" && analysis === speech
        ? applyOp(draft, { op: "captions" }, ctx).draft
        : draft;
    expect(() => applyOp(start, op, ctx)).toThrow(message);
  });
});
