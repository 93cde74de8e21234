import { describe, expect, it } from "vitest";
import { draftSchema } from "./schema";
import { summarizeDraft } from "./summarize-draft";

describe("summarizeDraft", () => {
  it("matches the documented one-line form", () => {
    const draft = draftSchema.parse({
      d: 10_000,
      m: { title: "Urban" },
      t: [
        {
          tt: 0,
          sg: [{ id: "v1", st: 0, d: 10_000, src: "m1", name: "city timelapse", out: 10_000 }],
        },
        {
          tt: 1,
          sg: [{ id: "a1", st: 0, d: 10_000, src: "m2", name: "Lo-fi", out: 10_000, volume: 0.35 }],
          m: { role: "music" },
        },
        { tt: 7, sg: [{ id: "t1", st: 0, d: 3000, text: "Urban Dreams" }], m: { role: "titles" } },
      ],
    });
    expect(summarizeDraft(draft)).toBe(
      'Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)',
    );
  });

  it("says when the timeline is empty", () => {
    expect(summarizeDraft(draftSchema.parse({ t: [], d: 0, m: {} }))).toMatch(/empty/);
  });

  it("keeps unknown cloud fields on segments", () => {
    const d = draftSchema.parse({
      d: 1000,
      m: {},
      t: [{ tt: 7, sg: [{ id: "x", st: 0, d: 1000, text: "hi", fontFamily: "Inter" }] }],
    });
    expect((d.t[0].sg[0] as Record<string, unknown>).fontFamily).toBe("Inter");
  });
});
