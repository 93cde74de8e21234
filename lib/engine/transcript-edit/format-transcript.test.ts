import { describe, expect, it } from "vitest";
import { formatTranscript } from "./format-transcript";

const t = {
  engine: "pocketsphinx (en-us)",
  language: "en",
  words: [
    { w: "hello", s: 120, e: 480, p: 0.9 },
    { w: "world", s: 520, e: 900 },
  ],
};

describe("formatTranscript", () => {
  it("prints json with ms, txt with seconds, srt as cues", () => {
    expect(JSON.parse(formatTranscript(t, "json"))).toEqual({
      engine: "pocketsphinx (en-us)",
      language: "en",
      words: [
        { w: "hello", s: 120, e: 480 },
        { w: "world", s: 520, e: 900 },
      ],
    });
    expect(formatTranscript(t, "txt")).toBe("0.120\t0.480\thello\n0.520\t0.900\tworld\n");
    expect(formatTranscript(t, "srt")).toMatch(/^1\n00:00:00,120 --> 00:00:01,120\nhello world\n/);
  });
});
