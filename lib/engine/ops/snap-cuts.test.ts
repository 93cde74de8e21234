import { describe, expect, it } from "vitest";
import { snapPoint, snapRanges, type AudioEnergy } from "./snap-cuts";
import { envelope } from "@/tests/support/engine/ops-testing-energy";
import { videoDraft } from "@/tests/support/engine/ops-testing";

// Snapping cut points to the quietest safe instant near the asked-for time.

describe("snapPoint", () => {
  const energy = envelope(3000, [
    [0, 400],
    [650, 1040],
    [1100, 1500],
  ]);

  it("keeps a point that is already in a pause, clear of both words", () => {
    expect(Math.abs(snapPoint(energy, 500, 0, 3000) - 500)).toBeLessThanOrEqual(5);
  });

  it("moves a point inside a word to the nearest instant with quiet on both sides", () => {
    // Recognition said the word ends at 1000; it really ends at 1040: the pause is 1040-1100.
    const t = snapPoint(energy, 1000, 0, 3000);
    expect(t).toBeGreaterThanOrEqual(1060);
    expect(t).toBeLessThanOrEqual(1080);
  });

  it("takes the least loud instant when no pause is near, and never leaves [lo, hi]", () => {
    const dense: AudioEnergy = {
      hopMs: 5,
      db: Float32Array.from({ length: 400 }, (_, i) => (i === 250 ? -35 : -20)),
    };
    const t = snapPoint(dense, 1200, 0, 2000);
    expect(t).toBeGreaterThanOrEqual(1230);
    expect(t).toBeLessThanOrEqual(1255);
    expect(snapPoint(energy, 1000, 0, 1020)).toBeLessThanOrEqual(1020);
    expect(snapPoint(undefined, 1234.4, 0, 2000)).toBe(1234);
  });

  it("counts a noisy room's floor as quiet: quiet is relative to the window", () => {
    const noisy = envelope(
      3000,
      [
        [0, 400],
        [650, 1040],
      ],
      -45,
    );
    const t = snapPoint(noisy, 1000, 0, 3000);
    expect(t).toBeGreaterThanOrEqual(1060);
  });
});

describe("snapRanges", () => {
  it("snaps through the clip that plays each end (output <-> source), leaving ranges without sound alone", () => {
    const { draft, ctx } = videoDraft([3000, 3000]);
    const analysis = {
      v2: {
        energy: envelope(3000, [
          [0, 400],
          [650, 1040],
        ]),
      },
    };
    // Output 3000 + x plays v2 at x.
    const [[a, b]] = snapRanges(draft, analysis, [[3450, 4000]]);
    expect(Math.abs(a - 3450)).toBeLessThanOrEqual(5);
    expect(b).toBeGreaterThanOrEqual(4060);
    expect(snapRanges(draft, ctx.analysis, [[100, 200]])).toEqual([[100, 200]]);
  });
});
