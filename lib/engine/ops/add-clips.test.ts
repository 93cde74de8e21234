import { describe, expect, it } from "vitest";
import { emptyDraft } from "@/lib/draft/schema";
import { applyOp } from "./apply-op";
import { clipSpans, fakeMedia, makeCtx, run } from "@/tests/support/engine/ops-testing";

// add_clips: what goes where, and the frame the first picture sets.

describe("add_clips", () => {
  it("appends videos at full length, photos for 3 s, sound on an audio track", () => {
    const media = [
      fakeMedia("v1", "video", 5000),
      fakeMedia("p1", "image", 0),
      fakeMedia("a1", "audio", 4000),
    ];
    const ctx = makeCtx(media);
    const r = run(emptyDraft(), [{ op: "add_clips" }], ctx);
    expect(clipSpans(r.draft)).toEqual([
      [0, 5000, 0, 5000],
      [5000, 3000, 0, 3000],
    ]);
    expect(r.draft.t.map((t) => [t.tt, t.m.role])).toEqual([
      [0, "main"],
      [1, "voice"],
    ]);
    expect(r.draft.t[1].sg[0]).toMatchObject({ src: "a1", st: 0, d: 4000, in: 0, out: 4000 });
    expect(r.summary).toMatch(
      /Added 3 files to the timeline: v1\.mp4 \(0:05\), p1\.png \(0:03\), a1\.mp3 \(0:04\); it is now 0:08 long\. The frame is 1920x1080 at 30 fps, from v1\.mp4\./,
    );
  });

  it("takes the frame from a rotated phone clip: display size, fps capped at 60, even sizes", () => {
    const phone = fakeMedia("v1", "video", 2000, {
      width: 1921,
      height: 1081,
      rotation: 90,
      fps: 119.88,
    });
    const r = run(emptyDraft(), [{ op: "add_clips", mediaIds: ["v1"] }], makeCtx([phone]));
    expect(r.draft.m).toMatchObject({ width: 1082, height: 1922, fps: 60, aspect: "9:16" });
  });

  it("keeps the frame when clips are added to a timeline that has some, and adds only new files by default", () => {
    const media = [
      fakeMedia("v1", "video", 2000),
      fakeMedia("v2", "video", 3000, { width: 640, height: 480, fps: 25 }),
    ];
    const ctx = makeCtx(media);
    const first = run(emptyDraft(), [{ op: "add_clips", mediaIds: ["v1"] }], ctx);
    const second = run(first.draft, [{ op: "add_clips" }], ctx);
    expect(clipSpans(second.draft)).toEqual([
      [0, 2000, 0, 2000],
      [2000, 3000, 0, 3000],
    ]);
    expect(second.draft.m).toMatchObject({ width: 1920, height: 1080, fps: 30 });
    expect(() => applyOp(second.draft, { op: "add_clips" }, ctx)).toThrow(
      /already on the timeline/,
    );
    const twice = run(second.draft, [{ op: "add_clips", mediaIds: ["v1"] }], ctx);
    expect(twice.draft.d).toBe(7000);
  });

  it("stops sound that is longer than the video at the video's end, and says so", () => {
    const ctx = makeCtx([fakeMedia("v1", "video", 3000), fakeMedia("a1", "audio", 10_000)]);
    const r = run(emptyDraft(), [{ op: "add_clips", mediaIds: ["a1", "v1"] }], ctx);
    expect(r.draft.t[1].sg[0]).toMatchObject({ src: "a1", st: 0, d: 3000, out: 3000 });
    expect(r.draft.d).toBe(3000);
    expect(r.summary).toMatch(/a1\.mp3 is longer than the video, so it stops at 0:03\./);
  });

  it.each([
    { name: "no media at all", media: [], ids: undefined, message: /Upload a clip first/ },
    {
      name: "unknown id",
      media: [fakeMedia("v1", "video", 1000)],
      ids: ["nope"],
      message: /no longer in this project/,
    },
    {
      name: "empty id list",
      media: [fakeMedia("v1", "video", 1000)],
      ids: [],
      message: /Say which files/,
    },
    {
      name: "a video with no length",
      media: [fakeMedia("v1", "video", 0)],
      ids: ["v1"],
      message: /"v1\.mp4" has no length/,
    },
  ])("refuses: $name", ({ media, ids, message }) => {
    expect(() => applyOp(emptyDraft(), { op: "add_clips", mediaIds: ids }, makeCtx(media))).toThrow(
      message,
    );
  });
});
