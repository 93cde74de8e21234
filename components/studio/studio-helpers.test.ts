import { describe, expect, it } from "vitest";
import type { FileRejection } from "react-dropzone";
import { rejectionSentence } from "@/components/dropzone/page-dropzone";
import { PRESET_OPTIONS } from "@/components/export/presets";
import { exportPresetSchema } from "@/lib/plan/schema";
import { previewPresetFor } from "./preview-render-button";

const rejection = (name: string, size: number, code: string): FileRejection =>
  ({
    file: { name, size } as File,
    errors: [{ code, message: "react-dropzone's own words" }],
  }) as FileRejection;

describe("rejectionSentence", () => {
  it.each([
    [
      rejection("virus.exe", 10, "file-invalid-type"),
      /\.exe files can't be used\. Supported files/,
    ],
    [rejection("big.mp4", 600 * 1024 * 1024, "file-too-large"), /larger than 500 MB/],
    [rejection("ok.mp4", 10, "too-many-files"), /react-dropzone's own words/],
  ])("%#", (r, expected) => expect(rejectionSentence(r)).toMatch(expected));

  it("speaks of the server's own limit", () => {
    expect(
      rejectionSentence(rejection("big.mp4", 30 * 1024 * 1024, "file-too-large"), 20 * 1024 * 1024),
    ).toMatch(/larger than 20 MB/);
  });
});

describe("export presets", () => {
  it("offers only presets the server accepts", () => {
    for (const p of PRESET_OPTIONS) expect(exportPresetSchema.safeParse(p.id).success).toBe(true);
  });
  it.each([
    ["16:9", "youtube"],
    ["9:16", "shorts"],
    ["1:1", "square"],
    ["4:5", "portrait"],
  ] as const)("previews a %s timeline with %s", (aspect, preset) =>
    expect(previewPresetFor(aspect)).toBe(preset),
  );
});
