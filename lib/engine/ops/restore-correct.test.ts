import { describe, expect, it } from "vitest";
import { toSrt, toVtt, captionCues as subtitleCues } from "../captions/write-subtitles";
import { applyOp } from "./apply-op";
import {
  captionCues,
  fakeMedia,
  makeCtx,
  run,
  videoDraft,
} from "@/tests/support/engine/ops-testing";
import { correctedWords } from "./timeline-words";

// correct_words: a misheard word retyped once; captions and .srt/.vtt read it with the
// recognised timing, across cuts, new captions and re-transcription of other clips.

const WORDS = [
  { w: "We", s: 0, e: 200 },
  { w: "deploy", s: 300, e: 700 },
  { w: "cooper", s: 800, e: 1100 },
  { w: "netties", s: 1100, e: 1500 },
  { w: "today.", s: 1700, e: 2100 },
];

describe("correct_words", () => {
  it("retypes words with the original timing; the .srt and .vtt carry the correction", () => {
    const { draft, ctx } = videoDraft([3000], [], { v1: { words: WORDS } });
    const r = run(
      draft,
      [
        { op: "captions" },
        { op: "correct_words", mediaId: "v1", from: 0.8, to: 1.5, text: "Kubernetes" },
      ],
      ctx,
    );
    const cues = captionCues(r.draft);
    expect(cues.map((c) => c.text).join(" ")).toBe("We deploy Kubernetes today.");
    expect(cues.flatMap((c) => c.words ?? []).find((w) => w.w === "Kubernetes")).toMatchObject({
      s: 800,
      e: 1500,
    });
    expect(r.draft.m.corrections).toEqual([{ src: "v1", s: 800, e: 1500, text: "Kubernetes" }]);
    expect(r.summary).toMatch(
      /Corrected the words at 0:00\.8 of v1\.mp4 to "Kubernetes" \(was "cooper netties"\)/,
    );
    expect(toSrt(subtitleCues(r.draft))).toContain("We deploy Kubernetes today.");
    expect(toVtt(subtitleCues(r.draft))).toContain("Kubernetes");
  });

  it("is kept by source time: it survives a cut before it and captions made afterwards", () => {
    const { draft, ctx } = videoDraft([3000], [], { v1: { words: WORDS } });
    const r = run(
      draft,
      [
        { op: "correct_words", mediaId: "v1", from: 0.8, to: 1.5, text: "Kubernetes" },
        { op: "cut_words", spans: [{ from: 0, to: 0.2 }] },
        { op: "captions" },
      ],
      ctx,
    );
    expect(
      captionCues(r.draft)
        .map((c) => c.text)
        .join(" "),
    ).toBe("deploy Kubernetes today.");
  });

  it("survives re-transcription of another clip, and patches captions in place without a transcript at hand", () => {
    const other = [
      { w: "second", s: 0, e: 400 },
      { w: "clip", s: 500, e: 900 },
    ];
    const media = [fakeMedia("v1", "video", 3000), fakeMedia("v2", "video", 2000)];
    const ctx = makeCtx(media, { v1: { words: WORDS }, v2: { words: other } });
    const base = applyOp(
      applyOp(
        applyOp(
          {
            t: [],
            d: 0,
            m: {
              title: "x",
              width: 1920,
              height: 1080,
              fps: 30,
              aspect: "16:9",
              fit: "pad",
              loudness: null,
            },
          },
          { op: "add_clips", mediaIds: ["v1", "v2"] },
          ctx,
        ).draft,
        { op: "captions" },
        ctx,
      ).draft,
      { op: "correct_words", mediaId: "v1", from: 0.3, to: 0.7, text: "ship" },
      ctx,
    ).draft;
    // v2 recognised again with other words: new captions keep v1's correction.
    const again = {
      ...makeCtx(media, {
        v1: { words: WORDS },
        v2: {
          words: [
            { w: "another", s: 0, e: 500 },
            { w: "take", s: 600, e: 900 },
          ],
        },
      }),
      newId: ctx.newId,
    };
    expect(
      captionCues(applyOp(base, { op: "captions" }, again).draft)
        .map((c) => c.text)
        .join(" "),
    ).toMatch(/^We ship cooper netties today\. another take$/);
    // No transcript in the context (a direct edit): the caption words themselves are retyped.
    const bare = { ...makeCtx(media), newId: ctx.newId };
    const patched = applyOp(
      base,
      { op: "correct_words", mediaId: "v2", from: 0.5, to: 0.9, text: "clips" },
      bare,
    ).draft;
    expect(
      captionCues(patched)
        .map((c) => c.text)
        .join(" "),
    ).toContain("second clips");
  });

  it("a newer correction of the same words replaces the older one", () => {
    const { draft, ctx } = videoDraft([3000], [], { v1: { words: WORDS } });
    const r = run(
      draft,
      [
        { op: "correct_words", mediaId: "v1", from: 0.8, to: 1.5, text: "Kubernets" },
        { op: "correct_words", mediaId: "v1", from: 0.8, to: 1.5, text: "Kubernetes" },
      ],
      ctx,
    );
    expect(r.draft.m.corrections).toHaveLength(1);
    expect(correctedWords("v1", WORDS, r.draft.m.corrections).map((w) => w.w)).toEqual([
      "We",
      "deploy",
      "Kubernetes",
      "today.",
    ]);
  });
});
