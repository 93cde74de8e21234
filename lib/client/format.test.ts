import { describe, expect, it } from "vitest";
import { formatBytes, formatClock, formatEta, transferEta } from "./format";

describe("format", () => {
  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1536, "1.5 KB"],
    [5 * 1024 * 1024, "5.0 MB"],
    [500 * 1024 * 1024, "500 MB"],
    [3 * 1024 ** 3, "3.0 GB"],
  ])("formatBytes(%d) = %s", (n, s) => expect(formatBytes(n)).toBe(s));

  it.each([
    [0, "0:00"],
    [9.9, "0:09"],
    [83.4, "1:23"],
    [3723, "1:02:03"],
    [-4, "0:00"],
  ])("formatClock(%d) = %s", (n, s) => expect(formatClock(n)).toBe(s));

  it.each([
    [null, null],
    [2, "a few seconds left"],
    [42, "about 40 s left"],
    [200, "about 3 min left"],
    [Number.NaN, null],
  ])("formatEta(%s) = %s", (n, s) => expect(formatEta(n as number | null)).toBe(s));

  it.each([
    [0, 100, 5000, null],
    [50, 100, 500, null],
    [50, 100, 10_000, 10],
    [25, 100, 2000, 6],
    [100, 100, 2000, null],
  ])("transferEta(%d of %d after %d ms) = %s", (loaded, total, ms, s) =>
    expect(transferEta(loaded, total, ms)).toBe(s),
  );
});
