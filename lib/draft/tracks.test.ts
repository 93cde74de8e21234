import { describe, expect, it } from "vitest";
import { draftSchema, emptyDraft } from "./schema";
import {
  audioTracks,
  durationMs,
  hasVideo,
  isTextTrack,
  segmentsOf,
  textTracks,
  tracksOf,
  videoClips,
  videoTrack,
  videoTracks,
  withTracks,
} from "./tracks";

const clip = { id: "c1", src: "v1", st: 0, d: 2000, in: 0, out: 2000 };
const draft = draftSchema.parse({
  t: [
    { tt: 0, sg: [clip] },
    {
      tt: 1,
      sg: [{ id: "a1", src: "m1", st: 0, d: 2000, in: 0, out: 2000 }],
      m: { role: "music" },
    },
    { tt: 7, sg: [{ id: "x1", st: 0, d: 1000, text: "Hello" }], m: { role: "captions" } },
  ],
  d: 2000,
  m: {},
});

describe("draft accessors", () => {
  it("name the tracks by kind", () => {
    expect(videoTrack(draft)?.sg[0].id).toBe("c1");
    expect(videoTracks(draft)).toHaveLength(1);
    expect(audioTracks(draft).map((t) => t.m.role)).toEqual(["music"]);
    expect(textTracks(draft).every(isTextTrack)).toBe(true);
    expect(segmentsOf(textTracks(draft)[0]).map((s) => s.text)).toEqual(["Hello"]);
    expect(durationMs(draft)).toBe(2000);
    expect(tracksOf(draft)).toHaveLength(3);
  });

  it("say whether there is video: an empty video track is none", () => {
    expect(hasVideo(draft)).toBe(true);
    expect(hasVideo(emptyDraft())).toBe(false);
    expect(hasVideo(withTracks(draft, [{ tt: 0, sg: [], m: {} }]))).toBe(false);
    expect(videoTrack(withTracks(draft, audioTracks(draft)))).toBeUndefined();
    expect(videoClips(withTracks(draft, audioTracks(draft)))).toEqual([]);
    expect(videoClips(draft).map((c) => c.src)).toEqual(["v1"]);
  });
});
