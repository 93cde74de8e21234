import { describe, expect, it } from "vitest";
import { textSegmentSchema, type TextTrack } from "@/lib/draft/schema";
import { assColor, assTime, buildAss, escapeAssText, karaokeText } from "./build-ass";

const seg = (over: Record<string, unknown>) =>
  textSegmentSchema.parse({ id: "t", st: 0, d: 2000, text: "Hello", ...over });
const track = (...sg: ReturnType<typeof seg>[]): TextTrack => ({ tt: 7, sg, m: {} });

describe("ASS values", () => {
  it.each([
    [0, "0:00:00.00"],
    [1234, "0:00:01.23"],
    [61_005, "0:01:01.01"],
    [3_600_000 + 59_999, "1:01:00.00"],
  ])("assTime(%d) = %s", (ms, text) => expect(assTime(ms)).toBe(text));

  it("writes colours as &HAABBGGRR", () => {
    expect(assColor("#FF8000")).toBe("&H000080FF");
    expect(assColor("#102030", 0x80)).toBe("&H80302010");
  });

  it.each([
    ["{\\b1}bold", "\uFF5B\\\u2060b1\uFF5Dbold"],
    ["two\nlines", "two\\Nlines"],
    ["C:\\New", "C:\\\u2060New"],
  ])("keeps user text literal: %j", (input, out) => expect(escapeAssText(input)).toBe(out));
});

describe("buildAss", () => {
  it("sets PlayRes to the output frame and sizes text as a fraction of its height", () => {
    const ass = buildAss([track(seg({ size: 0.1 }))], 1080, 1920);
    expect(ass).toContain("PlayResX: 1080");
    expect(ass).toContain("PlayResY: 1920");
    expect(ass).toMatch(/^Style: S1,DejaVu Sans,192,/m);
    expect(ass).toContain("Dialogue: 0,0:00:00.00,0:00:02.00,S1,,0,0,0,,Hello");
  });

  it.each([
    ["bottom", 2],
    ["top", 8],
    ["center", 5],
    ["top-left", 7],
    ["bottom-right", 3],
  ] as const)("places %s with alignment %d", (position, align) => {
    const ass = buildAss([track(seg({ position }))], 1920, 1080);
    const style = ass.split("\n").find((l) => l.startsWith("Style: S1"))!;
    expect(style.split(",")[18]).toBe(String(align));
  });

  it("gives each caption look its own style: boxed classic, outlined bold, karaoke highlight", () => {
    const ass = buildAss(
      [
        track(
          seg({ kind: "caption", style: "classic" }),
          seg({ id: "b", st: 2000, kind: "caption", style: "bold" }),
          seg({ id: "c", st: 4000, kind: "caption", style: "highlight" }),
        ),
      ],
      1920,
      1080,
    );
    const styles = ass.split("\n").filter((l) => l.startsWith("Style:"));
    expect(styles).toHaveLength(3);
    expect(styles[0].split(",")[15]).toBe("3"); // opaque box
    expect(styles[1].split(",")[15]).toBe("1");
    expect(Number(styles[1].split(",")[2])).toBeGreaterThan(Number(styles[0].split(",")[2]));
    expect(styles[2].split(",")[3]).toBe("&H0000D4FF"); // spoken words turn yellow
  });

  it("shares one style between equal-looking segments and layers tracks in order", () => {
    const ass = buildAss(
      [track(seg({}), seg({ id: "b", st: 3000 })), track(seg({ id: "c", kind: "caption" }))],
      1280,
      720,
    );
    expect(ass.split("\n").filter((l) => l.startsWith("Style:"))).toHaveLength(2);
    expect(ass).toMatch(/^Dialogue: 1,/m);
  });
});

describe("karaokeText", () => {
  it("times each word with \\k in centiseconds, including the pause before it", () => {
    const s = seg({
      st: 1000,
      d: 2000,
      text: "one two",
      kind: "caption",
      style: "highlight",
      words: [
        { w: "one", s: 1200, e: 1500 },
        { w: "two", s: 1700, e: 2100 },
      ],
    });
    expect(karaokeText(s)).toBe("{\\k20}{\\k50}one {\\k40}two");
  });

  it("falls back to the plain text without word timings", () => {
    expect(karaokeText(seg({ text: "a {b}", kind: "caption", style: "highlight" }))).toBe(
      "a \uFF5Bb\uFF5D",
    );
  });
});
