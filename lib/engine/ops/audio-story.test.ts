import { describe, expect, it } from "vitest";
import { audiogramOf } from "@/lib/draft/audiogram";
import { emptyDraft, type TextTrack } from "@/lib/draft/schema";
import { withAudiogramExport } from "../agent/audio-story-turn";
import { applyOp } from "./apply-op";
import { startAudioStory } from "./audio-story";
import {
  assertDraftInvariants,
  clipSpans,
  fakeMedia,
  makeCtx,
} from "@/tests/support/engine/ops-testing";

// Audio-only projects become audiograms: the sound on the main track, a background, a title.

const ep = { ...fakeMedia("ep", "audio", 30_000), name: "episode_12-final.mp3" };
const intro = fakeMedia("intro", "audio", 5_000);
const cover = fakeMedia("cover", "image", 0);
const clip = fakeMedia("clip", "video", 10_000);

describe("startAudioStory", () => {
  it("puts every sound file on the main track in order, on a solid background, titled after the file", () => {
    const ctx = makeCtx([intro, ep]);
    const r = startAudioStory(emptyDraft(), ctx.media, ctx.newId)!;
    assertDraftInvariants(r.draft);
    expect(clipSpans(r.draft)).toEqual([
      [0, 5000, 0, 5000],
      [5000, 30_000, 0, 30_000],
    ]);
    expect(r.draft.t[0].m).toMatchObject({ role: "main", name: "Audiogram" });
    expect(audiogramOf(r.draft)).toEqual({ background: { color: "#1f1b4d" }, wave: "#FFFFFF" });
    const title = r.draft.t.find((t) => t.tt === 7) as TextTrack;
    expect(title.sg).toMatchObject([
      { text: "intro", kind: "title", position: "top", st: 0, d: 35_000 },
    ]);
    expect(r.draft.d).toBe(35_000);
    expect(r.summary).toMatch(
      /^No video in this project, so I made an audiogram of intro\.mp3, episode_12-final\.mp3 \(0:35\): a solid background, a moving waveform/,
    );
  });

  it("says it in Chinese to a Chinese request", () => {
    const ctx = makeCtx([ep]);
    expect(startAudioStory(emptyDraft(), ctx.media, ctx.newId, "zh")!.summary).toBe(
      "这个项目里没有视频，所以我把 episode_12-final.mp3（0:30）做成了音频波形视频：纯色背景，随声音跳动的波形，标题“episode 12 final”。",
    );
  });

  it("uses the project's photo as the background and its own title when it has one", () => {
    const ctx = makeCtx([cover, ep]);
    const r = startAudioStory({ ...emptyDraft("Talks with Ann") }, ctx.media, ctx.newId)!;
    expect(audiogramOf(r.draft)?.background).toEqual({ src: "cover" });
    expect((r.draft.t.find((t) => t.tt === 7) as TextTrack).sg[0].text).toBe("Talks with Ann");
    expect(r.summary).toMatch(/cover\.png as the background/);
  });

  it("uses the cover art inside a sound file when there is no photo", () => {
    const covered = { ...ep, probe: { ...ep.probe, hasCover: true } };
    const ctx = makeCtx([intro, covered]);
    const r = startAudioStory(emptyDraft(), ctx.media, ctx.newId)!;
    expect(audiogramOf(r.draft)?.background).toEqual({ src: "ep" });
    expect(r.summary).toMatch(/the cover of episode_12-final\.mp3 as the background/);
  });

  it("keeps the trims of sound already placed on a voice track", () => {
    const ctx = makeCtx([ep, intro]);
    let draft = applyOp(emptyDraft(), { op: "add_clips", mediaIds: ["ep"] }, ctx).draft;
    draft = {
      ...draft,
      t: draft.t.map((t) =>
        t.tt === 1 ? { ...t, sg: t.sg.map((s) => ({ ...s, in: 2000, d: 28_000 })) } : t,
      ),
    } as typeof draft;
    const r = startAudioStory(draft, ctx.media, ctx.newId)!;
    expect(clipSpans(r.draft)).toEqual([[0, 28_000, 2000, 30_000]]);
    expect(r.draft.t.filter((t) => t.tt === 1)).toEqual([]);
  });

  it.each([
    ["a project with a video", [ep, clip]],
    ["a project with only a photo", [cover]],
    ["an empty project", []],
  ])("leaves %s to the usual rules", (_name, media) => {
    const ctx = makeCtx(media);
    expect(startAudioStory(emptyDraft(), ctx.media, ctx.newId)).toBeNull();
  });

  it("does nothing once the timeline has a picture", () => {
    const ctx = makeCtx([clip, ep]);
    const draft = applyOp(emptyDraft(), { op: "add_clips", mediaIds: ["clip"] }, ctx).draft;
    expect(startAudioStory(draft, [ep], ctx.newId)).toBeNull();
  });
});

describe("withAudiogramExport", () => {
  it.each([
    ["make a 9:16 audiogram for Reels", [{ op: "aspect", ratio: "9:16" }], "reels"],
    ["make an audiogram for TikTok", [], "tiktok"],
    ["turn this into a 9:16 audiogram", [{ op: "aspect", ratio: "9:16" }], "shorts"],
    ["make a square audiogram", [{ op: "aspect", ratio: "1:1" }], "square"],
    ["make an audiogram", [], "youtube"],
  ] as const)("%s -> export %s", (message, ops, preset) => {
    expect(withAudiogramExport(message, [...ops]).at(-1)).toEqual({ op: "export", preset });
  });

  it.each([
    [
      "an export already asked for",
      "make an audiogram and export it for Shorts",
      [{ op: "export", preset: "shorts" }],
    ],
    ["no audiogram asked for", "make it 9:16", [{ op: "aspect", ratio: "9:16" }]],
  ] as const)("leaves the ops alone with %s", (_name, message, ops) => {
    expect(withAudiogramExport(message, [...ops])).toEqual(ops);
  });
});
