import { describe, expect, it } from "vitest";
import { openDatabase } from "../store/open-database";
import { createAnalysisResults, paramsKey } from "./analysis-results";

function setup() {
  const db = openDatabase(":memory:");
  return { db, results: createAnalysisResults(db, () => 42) };
}

describe("analysis results", () => {
  it("runs a pass once per media item and params, then answers from the table", async () => {
    const { results } = setup();
    let runs = 0;
    const make = async () => ({ startMs: 3000, run: ++runs });
    expect(await results.remember("med_a", "intro", { speechStartMs: 3150 }, make)).toEqual({
      value: { startMs: 3000, run: 1 },
      cached: false,
    });
    expect(await results.remember("med_a", "intro", { speechStartMs: 3150 }, make)).toEqual({
      value: { startMs: 3000, run: 1 },
      cached: true,
    });
    // Other params or another item are other passes.
    expect((await results.remember("med_a", "intro", {}, make)).value.run).toBe(2);
    expect(
      (await results.remember("med_b", "intro", { speechStartMs: 3150 }, make)).value.run,
    ).toBe(3);
    expect(runs).toBe(3);
  });

  it("shares one run between requests that ask at the same time", async () => {
    const { results } = setup();
    let runs = 0;
    let finish!: (v: number[]) => void;
    const make = () => {
      runs++;
      return new Promise<number[]>((r) => (finish = r));
    };
    const a = results.remember("med_a", "silences", { minSeconds: 0.3 }, make);
    const b = results.remember("med_a", "silences", { minSeconds: 0.3 }, make);
    finish([1, 2]);
    expect((await a).value).toEqual([1, 2]);
    expect((await b).value).toEqual([1, 2]);
    expect(runs).toBe(1);
  });

  it("stores nothing when a run fails or is cancelled, so the next request runs again", async () => {
    const { results } = setup();
    await expect(
      results.remember("med_a", "silences", {}, () => Promise.reject(new Error("cancelled"))),
    ).rejects.toThrow("cancelled");
    expect(results.peek("med_a", "silences", {})).toBeUndefined();
    expect((await results.remember("med_a", "silences", {}, async () => [])).cached).toBe(false);
  });

  it("keeps a null result (no intro found) as an answer", async () => {
    const { results } = setup();
    await results.remember("med_a", "intro", {}, async () => null);
    expect(await results.remember("med_a", "intro", {}, async () => ({ startMs: 1 }))).toEqual({
      value: null,
      cached: true,
    });
  });

  it("keys params the same whatever their order, leaving out undefined", () => {
    expect(paramsKey({ b: 1, a: 2, c: undefined })).toBe(paramsKey({ a: 2, b: 1 }));
  });
});
