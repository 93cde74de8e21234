import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { cleanCueText, describeSkipped, parseSubtitles, parseTimestamp } from "./parse-subtitles";

describe("parseTimestamp", () => {
  it.each([
    ["00:00:01,000", 1000],
    ["00:00:01.250", 1250],
    ["01:02:03,004", 3_723_004],
    ["02:03.500", 123_500],
    ["00:01,5", 1500],
    ["00:00:01:200", 1200],
    ["1:02:03", 3_723_000],
    ["00:00:01,50", 1500],
    [" 00:00:01,000", 1000],
    ["100:00:00,000", 360_000_000],
    ["00:61:00,000", null],
    ["00:00:60,000", null],
    ["1.5", null],
    ["abc", null],
    ["", null],
  ])("%j -> %j", (raw, ms) => {
    expect(parseTimestamp(raw)).toBe(ms);
  });
});

describe("cleanCueText", () => {
  it.each([
    ["<i>Hello</i> <b>world</b>", "Hello world"],
    ['<font color="#ff0000">Red</font>', "Red"],
    ["<v Roger Bingham>We are in New York City", "We are in New York City"],
    ["<c.yellow.bg_blue>Yes</c> <00:00:01.000>sir", "Yes sir"],
    ["{\\an8}Top line", "Top line"],
    ["Tom &amp; Jerry &lt;3 &#233;t&#xE9;", "Tom & Jerry <3 été"],
    ["  two   spaces \n\n second ", "two spaces\nsecond"],
  ])("%j -> %j", (raw, text) => {
    expect(cleanCueText(raw)).toBe(text);
  });
});

const SRT = `1
00:00:01,000 --> 00:00:02,500
Hello there.

2
00:00:03,000 --> 00:00:04,000
<i>Second</i> line one
line two
`;

const VTT = `WEBVTT - made by hand
Kind: captions

NOTE this is a comment
spanning lines

STYLE
::cue { color: yellow }

intro
00:01.000 --> 00:02.500 align:start position:10%
Hello there.

00:00:03.000 --> 00:00:04.000 line:90%
<v Ann>Second</v> line one
line two
`;

const expected = [
  { start: 1000, end: 2500, text: "Hello there." },
  { start: 3000, end: 4000, text: "Second line one\nline two" },
];

describe("parseSubtitles: files that should read", () => {
  it.each([
    ["plain SRT", SRT, "srt"],
    ["SRT with BOM and CRLF", `\uFEFF${SRT.replace(/\n/g, "\r\n")}`, "srt"],
    ["SRT with old Mac CR line ends", SRT.replace(/\n/g, "\r"), "srt"],
    [
      "SRT with dots and missing hours",
      SRT.replace("00:00:01,000 --> 00:00:02,500", "00:01.000 --> 00:02.500"),
      "srt",
    ],
    [
      "SRT with no blank line between cues",
      SRT.replace("Hello there.\n\n2", "Hello there.\n2"),
      "srt",
    ],
    [
      "SRT with extra blank lines and trailing spaces",
      SRT.replace(/\n\n/g, "\n\n\n  \n").replace("Hello there.", "Hello there.   "),
      "srt",
    ],
    ["SRT with cues out of order", SRT.split("\n\n").reverse().join("\n\n"), "srt"],
    ["WebVTT with header, NOTE, STYLE, ids and settings", VTT, "vtt"],
    ["WebVTT with BOM and CRLF", `\uFEFF${VTT.replace(/\n/g, "\r\n")}`, "vtt"],
  ])("%s", (_name, text, format) => {
    expect(parseSubtitles(text)).toEqual({ format, cues: expected, skipped: [] });
  });

  it("keeps text after a stray blank line inside a cue", () => {
    const text = "1\n00:00:01,000 --> 00:00:02,000\nfirst\n\nsecond paragraph\n";
    expect(parseSubtitles(text).cues).toEqual([
      { start: 1000, end: 2000, text: "first\nsecond paragraph" },
    ]);
  });
});

// Quirks that lenient players (VLC, mpv, browsers) accept: one row per quirk, each
// with the cues it must give and the lines it must report as skipped.
describe("parseSubtitles: quirks of other tools' files", () => {
  const hi = (start: number, end: number, text = "Hi") => ({ start, end, text });
  it.each([
    [
      "cues without numbers",
      "00:00:01,000 --> 00:00:02,000\nHi\n\n00:00:03,000 --> 00:00:04,000\nThere\n",
      [hi(1000, 2000), hi(3000, 4000, "There")],
      [],
    ],
    [
      "no numbers and no blank lines",
      "00:00:01,000 --> 00:00:02,000\nHi\n00:00:03,000 --> 00:00:04,000\nThere\n",
      [hi(1000, 2000), hi(3000, 4000, "There")],
      [],
    ],
    [
      "numbers but no blank lines",
      "1\n00:00:01,000 --> 00:00:02,000\nHi\n2\n00:00:03,000 --> 00:00:04,000\nThere\n",
      [hi(1000, 2000), hi(3000, 4000, "There")],
      [],
    ],
    ['a "->" arrow', "1\n00:00:01,000 -> 00:00:02,000\nHi\n", [hi(1000, 2000)], []],
    ["no spaces around the arrow", "1\n00:00:01,000-->00:00:02,000\nHi\n", [hi(1000, 2000)], []],
    ['"->" without spaces', "1\n00:00:01,000->00:00:02,000\nHi\n", [hi(1000, 2000)], []],
    ["two-digit fractions", "1\n00:00:01,50 --> 00:00:02,25\nHi\n", [hi(1500, 2250)], []],
    ["one-digit fractions", "1\n00:00:01.5 --> 00:00:02.2\nHi\n", [hi(1500, 2200)], []],
    ["leading spaces", "  1\n   00:00:01,000 --> 00:00:02,000\n   Hi\n", [hi(1000, 2000)], []],
    ["tabs around the arrow", "1\n00:00:01,000\t-->\t00:00:02,000\nHi\n", [hi(1000, 2000)], []],
    [
      "a zero-length cue",
      "1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:00:05,000 --> 00:00:05,000\nGone\n",
      [hi(1000, 2000)],
      [{ line: 6, reason: "starts and ends at the same time" }],
    ],
    [
      "an empty cue",
      "1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:00:03,000 --> 00:00:04,000\n\n3\n00:00:05,000 --> 00:00:06,000\nThere\n",
      [hi(1000, 2000), hi(5000, 6000, "There")],
      [{ line: 6, reason: "has no text" }],
    ],
    [
      "a cue with only tags",
      "1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:00:05,000 --> 00:00:06,000\n<i></i>\n",
      [hi(1000, 2000)],
      [{ line: 6, reason: "has no text" }],
    ],
    [
      "a cue that ends before it starts",
      "1\n00:00:05,000 --> 00:00:02,000\nBack\n\n2\n00:00:06,000 --> 00:00:07,000\nHi\n",
      [hi(6000, 7000)],
      [{ line: 2, reason: "ends (00:00:02,000) before it starts (00:00:05,000)" }],
    ],
    [
      "a broken time",
      "1\n00:00:01,000 --> 00:00:xx,000\nLost\n\n2\n00:00:03,000 --> 00:00:04,000\nHi\n",
      [hi(3000, 4000)],
      [
        {
          line: 2,
          reason:
            '"00:00:01,000 --> 00:00:xx,000" is not a time range like "00:00:01,000 --> 00:00:03,000"',
        },
      ],
    ],
    [
      "seconds out of range",
      "WEBVTT\n\n00:00:01.000 --> 00:00:75.000\nLost\n\n00:00:03.000 --> 00:00:04.000\nHi\n",
      [hi(3000, 4000)],
      [
        {
          line: 3,
          reason:
            '"00:00:01.000 --> 00:00:75.000" is not a time range like "00:00:01,000 --> 00:00:03,000"',
        },
      ],
    ],
    [
      "text before the first cue",
      "Made with SubEdit\n\n1\n00:00:01,000 --> 00:00:02,000\nHi\n",
      [hi(1000, 2000)],
      [{ line: 1, reason: "text outside any caption" }],
    ],
    [
      "a caption too long",
      `1\n00:00:01,000 --> 00:00:02,000\n${"word ".repeat(120)}\n\n2\n00:00:03,000 --> 00:00:04,000\nHi\n`,
      [hi(3000, 4000)],
      [{ line: 2, reason: "longer than 500 characters" }],
    ],
    [
      "text with an arrow in it",
      "1\n00:00:01,000 --> 00:00:02,000\nLeft -> right\n",
      [hi(1000, 2000, "Left -> right")],
      [],
    ],
  ])("%s", (_name, text, cues, skipped) => {
    const parsed = parseSubtitles(text);
    expect(parsed.cues).toEqual(cues);
    expect(parsed.skipped).toEqual(skipped);
  });

  it("names the skipped lines, the first few only", () => {
    const skipped = [2, 6, 10, 14, 18, 22, 26].map((line) => ({ line, reason: "has no text" }));
    expect(describeSkipped(skipped)).toBe(
      "line 2 (has no text), line 6 (has no text), line 10 (has no text), line 14 (has no text), line 18 (has no text) and 2 more",
    );
  });
});

describe("parseSubtitles: files that are refused", () => {
  it.each([
    ["nothing at all", "", /not a captions file/],
    ["only a WebVTT header", "WEBVTT\n\nNOTE nothing here\n", /not a captions file/],
    ["JSON", '{"json": true}', /not a captions file: it has no time ranges/],
    ["a letter", "Dear Ann,\n\nthe clips are ready -> see the folder.\n", /not a captions file/],
    ["only empty cues", "1\n00:00:01,000 --> 00:00:02,000\n\n", /no captions in it/],
    [
      "only cues that cannot be used",
      "1\n00:00:01,000 --> 00:00:xx,000\nHi\n\n2\n00:00:05,000 --> 00:00:05,000\nHo\n",
      /^None of the captions in this file could be used: line 2 \(.*\), line 6 \(starts and ends at the same time\)\. Fix those lines/,
    ],
  ])("%s", (_name, text, message) => {
    let err: unknown;
    try {
      parseSubtitles(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("validation");
    expect((err as AppError).message).toMatch(message);
  });
});
