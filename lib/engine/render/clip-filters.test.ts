import { describe, expect, it } from "vitest";
import {
  atempoChain,
  audioFades,
  innerSize,
  orientFilters,
  planFit,
  videoFades,
} from "./clip-filters";

describe("atempoChain", () => {
  it.each([
    [1, []],
    [1.5, ["atempo=1.5"]],
    [2, ["atempo=2"]],
    [4, ["atempo=2", "atempo=2"]],
    [3, ["atempo=2", "atempo=1.5"]],
    [0.5, ["atempo=0.5"]],
    [0.25, ["atempo=0.5", "atempo=0.5"]],
    [0.3, ["atempo=0.5", "atempo=0.6"]],
  ])("speed %d -> %j", (speed, chain) => expect(atempoChain(speed)).toEqual(chain));
});

describe("orientFilters", () => {
  it.each([
    [0, false, false, []],
    [90, false, false, ["transpose=clock"]],
    [270, false, false, ["transpose=cclock"]],
    [180, false, false, ["hflip", "vflip"]],
    [0, true, false, ["hflip"]],
    [90, false, true, ["transpose=clock", "vflip"]],
  ])("rotate %d hflip %s vflip %s", (r, h, v, out) => expect(orientFilters(r, h, v)).toEqual(out));
});

describe("planFit", () => {
  it("does nothing when the picture already is the frame", () => {
    expect(planFit(1920, 1080, 1920, 1080, "blur")).toEqual({ kind: "none" });
  });

  it("only scales a picture of the same shape, whatever the fit", () => {
    expect(planFit(1280, 720, 1920, 1080, "crop")).toEqual({
      kind: "scale",
      filters: ["scale=1920:1080"],
    });
  });

  it("crops to fill", () => {
    expect(planFit(1920, 1080, 1080, 1920, "crop")).toEqual({
      kind: "scale",
      filters: ["scale=1080:1920:force_original_aspect_ratio=increase", "crop=1080:1920"],
    });
  });

  it("pads with black bars, centred", () => {
    expect(planFit(1920, 1080, 1080, 1920, "pad")).toEqual({
      kind: "scale",
      filters: ["scale=1080:608", "pad=1080:1920:0:656:black"],
    });
  });

  it("blurs a 1/8-size copy and scales it up behind the picture", () => {
    const plan = planFit(1920, 1080, 1080, 1920, "blur");
    expect(plan.kind).toBe("blur");
    if (plan.kind !== "blur") return;
    expect(plan.background[0]).toBe("scale=136:240:force_original_aspect_ratio=increase");
    expect(plan.background).toContain("crop=136:240");
    expect(plan.background.find((f) => f.startsWith("boxblur"))).toBeDefined();
    expect(plan.background.at(-1)).toBe("scale=1080:1920");
    expect(plan.foreground).toEqual(["scale=1080:608"]);
    expect(plan.overlay).toBe("overlay=0:656");
  });

  it("keeps inner sizes even and inside the frame", () => {
    expect(innerSize(1921, 1081, 1080, 1920)).toEqual({ w: 1080, h: 608 });
    expect(innerSize(240, 320, 1920, 1080)).toEqual({ w: 810, h: 1080 });
  });
});

describe("fades", () => {
  it("places the fade out at the end of the clip", () => {
    expect(videoFades(5000, 500, 1000)).toEqual(["fade=t=in:st=0:d=0.5", "fade=t=out:st=4:d=1"]);
    expect(audioFades(5000, 0, 1000)).toEqual(["afade=t=out:st=4:d=1"]);
  });

  it("never fades longer than the clip", () => {
    expect(videoFades(400, 1000, 0)).toEqual(["fade=t=in:st=0:d=0.4"]);
  });
});
