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

describe("time left when the stages run at different paces", () => {
  it("judges the time left by the stage in progress, not by a quick stage before it", () => {
    // An hour: the sound is out in 10 s, then recognition runs 1,000 s.
    const c = clock();
    const m = createProgressMeter({ weights: { extract: 1, transcribe: 19 }, now: c.now });
    c.advance(10_000);
    m.report("extract", 1);
    c.advance(1000);
    m.report("transcribe", 0.001);
    c.advance(99_000);
    const p = m.report("transcribe", 0.1)!;
    expect(p.ratio).toBeCloseTo(0.145);
    // 10% of recognition took 99 s: 90% more takes ~890 s (the whole's pace would say ~650 s).
    expect(p.etaSeconds).toBeGreaterThan(850);
    expect(p.etaSeconds).toBeLessThan(950);
  });

  it("prices the stages still to come at the current stage's pace", () => {
    const c = clock();
    const m = createProgressMeter({ weights: { a: 1, b: 1 }, now: c.now });
    m.report("a", 0);
    c.advance(10_000);
    // Half of stage a in 10 s: the other half and all of b, 30 s more.
    expect(m.report("a", 0.5)!.etaSeconds).toBeCloseTo(30);
  });
});
