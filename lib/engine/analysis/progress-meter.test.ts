import { describe, expect, it } from "vitest";
import { createProgressMeter } from "./progress-meter";

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("progress meter", () => {
  it("weighs stages into one percent and scales the time so far into the time left", () => {
    const c = clock();
    const m = createProgressMeter({ weights: { extract: 1, transcribe: 9 }, now: c.now });
    c.advance(2000);
    expect(m.report("extract", 0.5)).toEqual({ ratio: 0.05, etaSeconds: 38 });
    c.advance(2000);
    // A later stage reported: the earlier one is finished.
    expect(m.report("transcribe", 0.5)).toEqual({
      ratio: 0.55,
      etaSeconds: expect.closeTo(3.27, 2),
    });
  });

  it.each([
    ["the same whole percent again", 0.551, 5000],
    ["within a second of the last report", 0.9, 500],
  ])("stays quiet for %s", (_why, ratio, after) => {
    const c = clock();
    const m = createProgressMeter({ weights: { pass: 1 }, now: c.now });
    c.advance(1000);
    expect(m.report("pass", 0.55)).not.toBeNull();
    c.advance(after);
    expect(m.report("pass", ratio)).toBeNull();
  });

  it("gives no time left before 2% and ignores unknown ratios and stages", () => {
    const c = clock();
    const m = createProgressMeter({ weights: { pass: 1 }, now: c.now });
    expect(m.report("pass", null)).toBeNull();
    expect(m.report("download", 0.5)).toBeNull();
    c.advance(1000);
    expect(m.report("pass", 0.01)).toEqual({ ratio: 0.01, etaSeconds: null });
  });

  it("never goes backwards within a stage", () => {
    const c = clock();
    const m = createProgressMeter({ weights: { pass: 1 }, now: c.now });
    m.report("pass", 0.6);
    c.advance(2000);
    expect(m.report("pass", 0.3)).toBeNull(); // still 60%
    c.advance(2000);
    expect(m.report("pass", 0.7)!.ratio).toBeCloseTo(0.7);
  });
});
