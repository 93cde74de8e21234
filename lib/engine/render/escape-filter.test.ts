import { describe, expect, it } from "vitest";
import { escapeFilterValue } from "./escape-filter";

describe("escapeFilterValue", () => {
  it.each([
    ["/data/job/a.ass", "/data/job/a.ass"],
    ["/tmp/with space/a.ass", "/tmp/with space/a.ass"],
    ["C:/x.ass", "C\\\\:/x.ass"],
    ["/it's/a.ass", "/it\\\\\\'s/a.ass"],
    ["/a,b;c/[x].ass", "/a\\,b\\;c/\\[x\\].ass"],
    ["/back\\slash.ass", "/back\\\\\\\\slash.ass"],
  ])("%s", (input, expected) => {
    expect(escapeFilterValue(input)).toBe(expected);
  });
});
