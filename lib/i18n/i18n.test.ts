import { describe, expect, it } from "vitest";
import { localeFor, translate } from "@/stores/locale";
import { en } from "./en";
import { zh } from "./zh";

// One table per language, the same keys in each, and the browser's language picks one.

describe("interface strings", () => {
  it("the Chinese table has every English key, each translated", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[])
      expect(zh[key].trim().length, key).toBeGreaterThan(0);
  });
  it("keeps the placeholders of each string", () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[])
      expect(holes(zh[key]), key).toEqual(holes(en[key]));
  });
  it.each([
    [["zh-CN", "en"], "zh"],
    [["zh-Hans-SG"], "zh"],
    [["en-GB", "zh-CN"], "en"],
    [["fr-FR"], "en"],
    [[], "en"],
  ] as const)("browser languages %j -> %s", (langs, want) => {
    expect(localeFor(langs)).toBe(want);
  });
  it("fills placeholders", () => {
    expect(translate("zh", "seg.clip", { name: "a.mp4", from: "0:00", to: "0:05" })).toBe(
      "片段 a.mp4，0:00 到 0:05",
    );
    expect(translate("en", "drag.move", { name: "a.mp4", n: 2 })).toBe("Move a.mp4 to place 2");
  });
});
