import { describe, expect, it } from "vitest";
import type { ExportJob } from "@/lib/export/schema";
import type { MediaItem } from "@/lib/media/schema";
import { isActive, upsertExport } from "./use-exports";
import { mediaPollMs } from "./use-media-poll";
import { isTypingTarget } from "./use-shortcuts";
import { mergeMedia } from "./use-uploads";

const job = (
  id: string,
  createdAt: string,
  status: ExportJob["status"] = "processing",
): ExportJob => ({
  id,
  status,
  progress: 0,
  eta: null,
  preset: "youtube",
  width: null,
  height: null,
  outputUrl: null,
  shareUrl: null,
  srtUrl: null,
  vttUrl: null,
  error: null,
  createdAt,
  updatedAt: createdAt,
});

describe("upsertExport", () => {
  it("replaces a job by id and keeps newest first", () => {
    const list = [job("b", "2026-01-02"), job("a", "2026-01-01")];
    const next = upsertExport(list, { ...job("a", "2026-01-01"), progress: 50 });
    expect(next.map((j) => [j.id, j.progress])).toEqual([
      ["b", 0],
      ["a", 50],
    ]);
    expect(upsertExport(next, job("c", "2026-01-03")).map((j) => j.id)).toEqual(["c", "b", "a"]);
  });

  it.each([
    ["pending", true],
    ["processing", true],
    ["completed", false],
    ["failed", false],
    ["cancelled", false],
  ] as const)("%s is active: %s", (status, active) =>
    expect(isActive(job("x", "t", status))).toBe(active),
  );
});

describe("mergeMedia", () => {
  it("adds new items and refreshes known ones in place of the old", () => {
    const m = (id: string, name: string) => ({ id, name }) as MediaItem;
    expect(
      mergeMedia([m("1", "a"), m("2", "b")], [m("2", "b2"), m("3", "c")]).map((x) => x.name),
    ).toEqual(["a", "b2", "c"]);
  });
});

describe("isTypingTarget", () => {
  const el = (tagName: string, extra: Record<string, unknown> = {}) =>
    ({ tagName, isContentEditable: false, ...extra }) as unknown as EventTarget;
  it.each([
    ["TEXTAREA", {}, true],
    ["INPUT", { type: "text" }, true],
    ["INPUT", { type: "url" }, true],
    ["INPUT", { type: "radio" }, false],
    ["INPUT", { type: "checkbox" }, false],
    ["SELECT", {}, true],
    ["DIV", { isContentEditable: true }, true],
    ["DIV", {}, false],
    ["BUTTON", {}, false],
  ])("%s %o -> %s", (tag, extra, expected) =>
    expect(isTypingTarget(el(tag, extra))).toBe(expected),
  );
  it("treats no target as not typing", () => expect(isTypingTarget(null)).toBe(false));
});

describe("mediaPollMs", () => {
  const m = (previews: MediaItem["previews"], proxy: MediaItem["proxy"]) =>
    ({ id: "x", previews, proxy }) as MediaItem;
  it.each([
    ["nothing in the bin", [], null],
    ["everything ready", [m("ready", "none"), m("ready", "ready"), m("ready", "failed")], null],
    [
      "a poster or filmstrip on its way: every second",
      [m("ready", "none"), m("pending", "none")],
      1_000,
    ],
    ["previews and a proxy on their way: every second", [m("pending", "pending")], 1_000],
    ["only a proxy on its way: every 3 s", [m("ready", "pending")], 3_000],
  ] as const)("%s", (_label, list, every) => expect(mediaPollMs([...list])).toBe(every));
  it("does not poll before the list arrives", () => expect(mediaPollMs(undefined)).toBeNull());
});
