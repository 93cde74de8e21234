import { describe, expect, it } from "vitest";
import { exportPresetSchema } from "@/lib/plan/schema";
import { EXPORT_PRESETS, presetLabel, presetPhrase, presetSize } from "./presets";

// One table for every preset: the frame the render makes and the names people read.
describe("export presets", () => {
  it.each(exportPresetSchema.options)(
    "%s has a frame, a name, and a sentence that states its size",
    (id) => {
      const p = EXPORT_PRESETS[id];
      expect(p.width % 2 === 0 && p.height % 2 === 0).toBe(true);
      expect(presetLabel(id)).toBe(p.label);
      expect(presetPhrase(id)).toContain(`${p.width}x${p.height}`);
      expect(presetSize(id)).toBe(`${p.width}×${p.height}`);
    },
  );

  it('square: "Instagram square" in lists, its size in sentences (the render no longer calls it "Square 1:1")', () => {
    expect(presetLabel("square")).toBe("Instagram square");
    expect(presetPhrase("square")).toBe("a square 1080x1080 video");
  });

  it("shows an unknown id as it is (a cloud preset we do not know)", () => {
    expect(presetLabel("hd_vertical")).toBe("hd_vertical");
    expect(presetPhrase("constructor")).toBe("constructor");
  });
});
