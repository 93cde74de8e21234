import { describe, expect, it } from "vitest";
import { parseRenderStatus } from "./render-status";

describe("parseRenderStatus", () => {
  it.each<[string, unknown, Partial<ReturnType<typeof parseRenderStatus>>]>([
    [
      "start answer",
      { success: true, data: { id: "render_1", status: "pending", progress: 5 } },
      { status: "pending", progress: 5, url: null },
    ],
    [
      "data shape processing",
      { success: true, data: { status: "processing", progress: 50 } },
      { status: "processing", progress: 50 },
    ],
    [
      "data.outputUrl",
      {
        success: true,
        data: { status: "completed", progress: 100, outputUrl: "https://cdn/x.mp4" },
      },
      { status: "completed", url: "https://cdn/x.mp4" },
    ],
    [
      "top-level status + output.url",
      { status: "completed", output: { url: "https://cdn/y.mp4" } },
      { status: "completed", url: "https://cdn/y.mp4" },
    ],
    [
      "a link without a status",
      { data: { outputUrl: "https://cdn/z.mp4" } },
      { status: "completed", url: "https://cdn/z.mp4" },
    ],
    [
      "failed with a reason",
      { status: "failed", error: "codec error" },
      { status: "failed", error: "codec error" },
    ],
    [
      "failed without a reason",
      { data: { status: "error" } },
      { status: "failed", error: "NemoVideo could not render this video. Try exporting again." },
    ],
    ["canceled spelling", { data: { status: "canceled" } }, { status: "cancelled" }],
    ["fractional progress", { data: { status: "processing", progress: 0.42 } }, { progress: 42 }],
    [
      "completed without a link",
      { status: "completed" },
      { status: "failed", error: expect.stringMatching(/no download link/) as unknown as string },
    ],
    ["nothing readable", {}, { status: "processing", url: null }],
  ])("%s", (_name, body, expected) => {
    expect(parseRenderStatus(body)).toMatchObject(expected);
  });
});
