import { describe, expect, it } from "vitest";
import { applyOp } from "./apply-op";
import { findFillers } from "./cleanup-ops";
import { captionCues, clipSpans, run, videoDraft } from "@/tests/support/engine/ops-testing";
import { envelope } from "@/tests/support/engine/ops-testing-energy";

// remove_silence and remove_fillers from analysis, with margins that keep words whole.

describe("remove_silence", () => {
  it("cuts long pauses with a margin each side, and the clip's own leading silence fully", () => {
    const silences = [
      { start: 0, end: 2000 },
      { start: 4000, end: 5000 },
      { start: 6000, end: 6400 },
    ];
    const { draft, ctx } = videoDraft([10_000], [], { v1: { silences } });
    const r = run(draft, [{ op: "remove_silence" }], ctx);
    // 0-2 s goes up to 150 ms before speech; 4-5 s keeps 150 ms each side; 0.4 s is short enough to stay.
    expect(clipSpans(r.draft)).toEqual([
      [0, 2300, 1850, 4150],
      [2300, 5150, 4850, 10_000],
    ]);
    expect(r.summary).toMatch(
      /Removed 2 pauses longer than 0\.6 s \(2\.6 s in all\), keeping 0\.15 s around speech; the video is now 0:07\.5 long/,
    );
  });

  it("honours min and says when there is nothing to cut", () => {
    const { draft, ctx } = videoDraft([10_000], [], {
      v1: { silences: [{ start: 3000, end: 3500 }] },
    });
    const loose = run(draft, [{ op: "remove_silence", min: 0.3 }], ctx);
    expect(loose.draft.d).toBeLessThan(10_000);
    const strict = run(draft, [{ op: "remove_silence" }], ctx);
    expect(strict.draft).toEqual(draft);
    expect(strict.summary).toBe("I found no pauses longer than 0.6 s, so nothing was cut.");
  });

  it("snaps each cut end to quiet when the measured pause ends inside soft speech", () => {
    // The detector called 4-5 s silent, but a soft word tail runs to 4.18 s and the next word starts at 4.82 s.
    const energy = envelope(10_000, [
      [0, 4180],
      [4820, 10_000],
    ]);
    const { draft, ctx } = videoDraft([10_000], [], {
      v1: { silences: [{ start: 4000, end: 5000 }], energy },
    });
    const [[, , , out], [, , inn]] = clipSpans(run(draft, [{ op: "remove_silence" }], ctx).draft);
    expect(out).toBeGreaterThanOrEqual(4180);
    expect(inn).toBeLessThanOrEqual(4820);
    expect(inn).toBeGreaterThan(out);
  });

  it("refuses without measured pauses, and absurdly short pauses", () => {
    const { draft, ctx } = videoDraft([10_000]);
    expect(() => applyOp(draft, { op: "remove_silence" }, ctx)).toThrow(
      /not measured the pauses.*ask for this in the chat/,
    );
    expect(() => applyOp(draft, { op: "remove_silence", min: 0.1 }, ctx)).toThrow(
      /shorter than 0\.2 s/,
    );
  });
});

describe("remove_fillers", () => {
  const words = [
    { w: "So", s: 0, e: 300 },
    { w: "um,", s: 500, e: 800 },
    { w: "this", s: 1000, e: 1300 },
    { w: "is", s: 1400, e: 1600 },
    { w: "you", s: 2000, e: 2200 },
    { w: "know", s: 2250, e: 2500 },
    { w: "great.", s: 2700, e: 3100 },
    { w: "Do", s: 4000, e: 4200 },
    { w: "you", s: 4250, e: 4400 },
    { w: "know", s: 4450, e: 4700 },
    { w: "him?", s: 4800, e: 5100 },
    { w: "嗯", s: 6000, e: 6300 },
    { w: "那", s: 6500, e: 6600 },
    { w: "个", s: 6600, e: 6700 },
    { w: "好", s: 7000, e: 7300 },
  ];

  it("finds um, you know, 嗯 and 那个 but not a real question", () => {
    const hits = findFillers(words);
    expect(hits.map((h) => h.text)).toEqual(["um", "you know", "嗯", "那个"]);
    // Widened into the silence around it but never into the neighbours.
    expect(hits[0]).toEqual({ text: "um", s: 440, e: 860 });
    expect(hits[1].s).toBeGreaterThanOrEqual(1600);
    expect(hits[1].e).toBeLessThanOrEqual(2700);
  });

  it("cuts them from the video and from the captions", () => {
    const { draft, ctx } = videoDraft([8000], [], { v1: { words } });
    const captioned = run(draft, [{ op: "captions" }], ctx);
    const r = run(captioned.draft, [{ op: "remove_fillers" }], ctx);
    expect(r.summary).toMatch(/Removed 4 filler words \("um", "you know", "嗯", "那个"\)/);
    expect(r.draft.d).toBeLessThan(8000);
    const said = captionCues(r.draft)
      .flatMap((c) => c.words ?? [])
      .map((w) => w.w);
    expect(said).toEqual(["So", "this", "is", "great.", "Do", "you", "know", "him?", "好"]);
  });

  it("snaps each cut end to quiet when recognition placed the filler's edges inside the sound", () => {
    // "um" really sounds from 430 to 870 ms (recognition said 500-800; widened to 440-860).
    const um = [
      { w: "So", s: 0, e: 300 },
      { w: "um,", s: 500, e: 800 },
      { w: "this", s: 1000, e: 1300 },
    ];
    const energy = envelope(3000, [
      [0, 300],
      [430, 870],
      [1000, 1300],
    ]);
    const { draft, ctx } = videoDraft([3000], [], { v1: { words: um, energy } });
    const [[, , , out], [, , inn]] = clipSpans(run(draft, [{ op: "remove_fillers" }], ctx).draft);
    expect(out).toBeGreaterThanOrEqual(300);
    expect(out).toBeLessThanOrEqual(430);
    expect(inn).toBeGreaterThanOrEqual(870);
    expect(inn).toBeLessThanOrEqual(1000);
  });

  it("says when there are none, and refuses without a transcript", () => {
    const { draft, ctx } = videoDraft([8000], [], {
      v1: { words: [{ w: "hello", s: 0, e: 500 }] },
    });
    expect(run(draft, [{ op: "remove_fillers" }], ctx).summary).toMatch(/found no filler words/);
    const bare = videoDraft([8000]);
    expect(() => applyOp(bare.draft, { op: "remove_fillers" }, bare.ctx)).toThrow(
      /need a transcript.*ask for this in the chat/,
    );
  });
});
