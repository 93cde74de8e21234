import { describe, expect, it } from "vitest";
import { audiogramOf } from "@/lib/draft/audiogram";
import { emptyDraft } from "@/lib/draft/schema";
import { applyOp } from "./apply-op";
import { startAudioStory } from "./audio-story";
import { fakeMedia, makeCtx } from "@/tests/support/engine/ops-testing";
import { tipZh } from "./tips-zh";

// The audiogram's background, as the studio's picker and the chat set it.

const ep = fakeMedia("ep", "audio", 20_000);
const photo = fakeMedia("photo", "image", 0);
const video = fakeMedia("clip", "video", 5_000);
const covered = {
  ...fakeMedia("cov", "audio", 3_000),
  probe: { ...fakeMedia("cov", "audio", 3_000).probe, hasCover: true },
};
const bare = fakeMedia("bare", "audio", 3_000);

function story() {
  const ctx = makeCtx([ep, photo, covered, bare]);
  return { ctx, draft: startAudioStory(emptyDraft(), [ep], ctx.newId)!.draft };
}

describe("audiogram background", () => {
  it("a colour, then a photo, then a sound file's cover art; the sound and title stay", () => {
    const { ctx, draft } = story();
    const red = applyOp(draft, { op: "audiogram", background: { color: "#C03030" } }, ctx);
    expect(audiogramOf(red.draft)).toEqual({ background: { color: "#c03030" }, wave: "#FFFFFF" });
    expect(red.summary).toBe("The audiogram's background is now the colour #c03030.");
    expect(red.draft.t).toEqual(draft.t);
    const pic = applyOp(red.draft, { op: "audiogram", background: { src: "photo" } }, ctx);
    expect(audiogramOf(pic.draft)?.background).toEqual({ src: "photo" });
    expect(pic.summary).toBe("The audiogram's background is now photo.png.");
    const cover = applyOp(pic.draft, { op: "audiogram", background: { src: "cov" } }, ctx);
    expect(cover.summary).toBe("The audiogram's background is now the cover of cov.mp3.");
  });

  it("a video's first frame", () => {
    const { draft } = story();
    const r = applyOp(
      draft,
      { op: "audiogram", background: { src: "clip" } },
      makeCtx([ep, video]),
    );
    expect(audiogramOf(r.draft)?.background).toEqual({ src: "clip" });
    expect(r.summary).toBe("The audiogram's background is now the first frame of clip.mp4.");
  });

  it("refuses a sound file without a picture, a file no longer there, and a project that is no audiogram", () => {
    const { ctx, draft } = story();
    expect(() => applyOp(draft, { op: "audiogram", background: { src: "bare" } }, ctx)).toThrow(
      /"bare\.mp3" has no picture to show behind the waveform\. Pick a photo/,
    );
    expect(() => applyOp(draft, { op: "audiogram", background: { src: "gone" } }, ctx)).toThrow(
      /not in this project any more\. Upload it again/,
    );
    expect(() =>
      applyOp(emptyDraft(), { op: "audiogram", background: { color: "#000000" } }, ctx),
    ).toThrow(/not an audiogram/);
  });

  it("has a by-hand tip in Chinese too", () => {
    expect(tipZh({ op: "audiogram", background: { color: "#000000" } })).toMatch(/^手动操作：/);
  });
});
