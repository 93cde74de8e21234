import { describe, expect, it } from "vitest";
import { extractEntities } from "./extract-entities";
import { normalizeRequest } from "./normalize-request";
import { parseTimeSpec } from "./parse-time-spec";
import { rewriteSpans } from "./read-span";

// The span grammar, read through to the TimeSpec the rules see (a 180 s video).

function spanOf(request: string, duration: number | undefined) {
  const { text, entities } = extractEntities(normalizeRequest(request).text);
  return parseTimeSpec(
    rewriteSpans(text, entities.times, entities.percents, duration),
    entities.times,
  );
}

const rows: [string, ReturnType<typeof parseTimeSpec>][] = [
  ["8 seconds starting at 1:00", { kind: "range", from: 60, to: 68 }],
  ["10s from 0:30 on", { kind: "range", from: 30, to: 40 }],
  ["remove 3 seconds at 1:00", { kind: "range", from: 60, to: 63 }],
  ["从1分钟开始截取8秒", { kind: "range", from: 60, to: 68 }],
  ["删除1分钟开始的5秒", { kind: "range", from: 60, to: 65 }],
  ["the second half", { kind: "range", from: 90, to: "end" }],
  ["the first half", { kind: "range", from: 0, to: 90 }],
  ["the last third", { kind: "range", from: 120, to: "end" }],
  ["the middle third", { kind: "range", from: 60, to: 120 }],
  ["the second quarter", { kind: "range", from: 45, to: 90 }],
  ["the middle 10 seconds", { kind: "range", from: 85, to: 95 }],
  ["the first 25%", { kind: "first", n: 45 }],
  ["后半段", { kind: "range", from: 90, to: "end" }],
  ["最后三分之一", { kind: "range", from: 120, to: "end" }],
  ["5s off both ends", { kind: "first", n: 5 }],
  ["take 10 secs off the end", { kind: "last", n: 10 }],
  ["a minute and a half off the end", { kind: "last", n: 90 }],
  ["until 0:08", { kind: "range", from: 0, to: 8 }],
  ["after the 2 minute mark", { kind: "range", from: 120, to: "end" }],
  ["nothing after 2m15s", { kind: "range", from: 135, to: "end" }],
  ["start 15 seconds in", { kind: "point", at: 15 }],
  ["1:05 through 1:12", { kind: "range", from: 65, to: 72 }],
];

describe("rewriteSpans", () => {
  it.each(rows)("%s", (request, want) => expect(spanOf(request, 180)).toEqual(want));

  it("leaves fractions alone when the video's length is unknown", () => {
    expect(spanOf("the second half", undefined)).toBeNull();
  });
  it("does not read a clock time as a length", () => {
    expect(spanOf("from 1:00 at 0:30", 180)).not.toEqual({ kind: "range", from: 30, to: 90 });
  });
});
