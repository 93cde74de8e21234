import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { cleanCueText, parseSubtitles, parseTimestamp } from "./parse-subtitles";

describe("parseTimestamp", () => {
  it.each([
    ["00:00:01,000", 1000],
    ["00:00:01.250", 1250],
    ["01:02:03,004", 3_723_004],
    ["02:03.500", 123_500],
    ["00:01,5", 1500],
    ["00:00:01:200", 1200],
    ["1:02:03", 3_723_000],
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
    ["SRT with dots and missing hours", SRT.replace("00:00:01,000 --> 00:00:02,500", "00:01.000 --> 00:02.500"), "srt"],
    ["SRT with no blank line between cues", SRT.replace("Hello there.\n\n2", "Hello there.\n2"), "srt"],
    ["SRT with extra blank lines and trailing spaces", SRT.replace(/\n\n/g, "\n\n\n  \n").replace("Hello there.", "Hello there.   "), "srt"],
    ["SRT with cues out of order", SRT.split("\n\n").reverse().join("\n\n"), "srt"],
    ["SRT with an empty cue", `${SRT}\n3\n00:00:05,000 --> 00:00:06,000\n<i></i>\n`, "srt"],
    ["WebVTT with header, NOTE, STYLE, ids and settings", VTT, "vtt"],
    ["WebVTT with BOM and CRLF", `\uFEFF${VTT.replace(/\n/g, "\r\n")}`, "vtt"],
  ])("%s", (_name, text, format) => {
    expect(parseSubtitles(text)).toEqual({ format, cues: expected });
  });

  it("keeps text after a stray blank line inside a cue", () => {
    const text = "1\n00:00:01,000 --> 00:00:02,000\nfirst\n\nsecond paragraph\n";
    expect(parseSubtitles(text).cues).toEqual([{ start: 1000, end: 2000, text: "first\nsecond paragraph" }]);
  });
});

describe("parseSubtitles: files that should be refused with the line named", () => {
  it.each([
    ["a broken time", "1\n00:00:01,000 --> 00:00:xx,000\nHi\n", /^Line 2: "00:00:01,000 --> 00:00:xx,000" is not a valid time range/],
    ["no spaces around the arrow", "1\n00:00:01,000-->00:00:02,000\nHi\n", /^Line 2: .* not a valid time range/],
    ["seconds out of range", "WEBVTT\n\n00:00:01.000 --> 00:00:75.000\nHi\n", /^Line 3: /],
    ["end before start", "1\n00:00:05,000 --> 00:00:02,000\nHi\n", /^Line 2: this caption ends \(00:00:02,000\) before it starts/],
    ["zero length", "1\n00:00:05,000 --> 00:00:05,000\nHi\n", /^Line 2: this caption ends/],
    ["text before any cue", "Hello\n\n1\n00:00:01,000 --> 00:00:02,000\nHi\n", /^Line 1: expected a caption number or a time/],
    ["a caption too long", `1\n00:00:01,000 --> 00:00:02,000\n${"word ".repeat(120)}\n`, /^Line 2: this caption is longer than 500/],
    ["nothing at all", "", /no captions in it/],
    ["only a WebVTT header", "WEBVTT\n\nNOTE nothing here\n", /no captions in it/],
    ["not a subtitle file", "{\"json\": true}", /^Line 1: expected a caption number/],
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
