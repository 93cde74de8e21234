import { describe, expect, it } from "vitest";
import type { Draft } from "@/lib/draft/schema";
import { opSchema, type Op } from "@/lib/plan/schema";
import { applyOp, applyOps } from "./apply-op";
import { analysisNeeds, askInChat } from "./analysis-needs";
import { checkDraftInvariants } from "./draft-invariants";
import {
  assertDraftInvariants,
  captionCues,
  evenWords,
  fakeMedia,
  music,
  titles,
  videoDraft,
} from "@/tests/support/engine/ops-testing";

// The dispatcher: the product's own example end to end, long mixed sequences that must
// keep every invariant, and the invariant checker itself catching broken timelines.

const analysis = {
  v1: {
    words: evenWords(40, 3000, 400, 250),
    transcriptEngine: "whisper.cpp (base.en)",
    contentStartMs: 3000,
    contentStartReason: "speech starts",
    silences: [
      { start: 0, end: 3000 },
      { start: 19_000, end: 20_000 },
    ],
  },
  v2: { words: evenWords(10, 0, 500, 300, "x"), silences: [] },
};

describe("applyOp", () => {
  it("trim the intro, add captions, and export for YouTube", () => {
    const { draft, ctx } = videoDraft([20_000], [], analysis);
    const { draft: out, results } = applyOps(
      draft,
      [{ op: "trim", start: "intro" }, { op: "captions" }, { op: "export", preset: "youtube" }],
      ctx,
    );
    assertDraftInvariants(out);
    expect(out.d).toBe(17_000);
    expect(captionCues(out)[0].words?.[0]).toEqual({ w: "w0", s: 0, e: 250 });
    expect(out.m.preset).toBe("youtube");
    expect(results.map((r) => r.summary)).toEqual([
      expect.stringMatching(
        /Trimmed the intro: the video now starts at 0:03 of the original \(speech starts\); it is now 0:17 long/,
      ),
      expect.stringMatching(/captions .*whisper\.cpp/),
      expect.stringMatching(/YouTube \(1920x1080\)/),
    ]);
  });

  it("keeps every invariant through long seeded random sequences of ops", () => {
    const pool: Op[] = [
      { op: "cut", from: 1, to: 2.5 },
      { op: "cut", from: 0.2, to: 0.9, target: "all" },
      { op: "trim", start: 0.5 },
      { op: "trim", end: 14 },
      { op: "split", at: 3.3 },
      { op: "speed", factor: 1.5 },
      { op: "speed", factor: 0.5, target: { index: 0 } },
      { op: "reorder", order: [1, 0] },
      { op: "captions" },
      { op: "caption_style", scale: 1.25 },
      { op: "text", text: "Title", start: 1, end: 4 },
      { op: "text", text: "Second", start: 2 },
      { op: "text_style", position: "top" },
      { op: "music", level: 0.3 },
      { op: "volume", level: 0.5, track: "all" },
      { op: "fade", in: 0.3, out: 0.3 },
      { op: "remove_silence" },
      { op: "remove_fillers" },
      { op: "aspect", ratio: "9:16" },
      { op: "rotate", degrees: 90, target: { index: 1 } },
      { op: "flip", axis: "horizontal" },
      { op: "color", preset: "warm" },
      { op: "normalize" },
      { op: "add_clips", mediaIds: ["v2"] },
      { op: "remove_text" },
      { op: "remove_captions" },
      { op: "remove_music" },
      { op: "export", preset: "tiktok" },
    ];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let applied = 0;
    for (let round = 0; round < 30; round++) {
      const { draft, ctx } = videoDraft(
        [20_000, 5000],
        [fakeMedia("song", "audio", 4000)],
        analysis,
      );
      let current: Draft = draft;
      for (let step = 0; step < 12; step++) {
        const op = pool[Math.floor(rand() * pool.length)];
        try {
          current = applyOp(current, op, ctx).draft;
          applied++;
        } catch (err) {
          // Refusals are fine (e.g. "no captions to restyle") as long as they are sentences for the user.
          expect((err as { code?: unknown }).code).toBe("validation");
          expect((err as Error).message).toMatch(/^[A-Z"].{10,}[.)]$/);
        }
        assertDraftInvariants(current);
        if (music(current))
          expect(music(current)!.d).toBe(
            current.t[0].sg.reduce((e, s) => Math.max(e, s.st + s.d), 0),
          );
        for (const t of titles(current)) expect(t.st + t.d).toBeLessThanOrEqual(current.d);
      }
    }
    expect(applied).toBeGreaterThan(200);
  });

  it("every op in the plan schema is handled", () => {
    const names = opSchema.options.map((o) => o.shape.op.value);
    const { draft, ctx } = videoDraft([4000]);
    for (const name of names) {
      try {
        applyOp(draft, { op: name } as Op, ctx);
      } catch (err) {
        expect((err as Error).message).not.toMatch(/do not know how to do/);
      }
    }
  });
});

describe("a saved timeline that breaks the rules", () => {
  it("is repaired on the next edit instead of blocking every edit", () => {
    const { draft, ctx } = videoDraft([4000]);
    const stray: Draft = {
      ...draft,
      d: 9000,
      t: [
        ...draft.t,
        {
          tt: 7,
          m: { role: "titles" },
          sg: [
            {
              id: "t",
              st: 3000,
              d: 6000,
              text: "Long",
              kind: "title",
              position: "center",
              size: 0.05,
              color: "#FFFFFF",
              style: "classic",
            },
          ],
        },
      ],
    };
    expect(checkDraftInvariants(stray)).not.toEqual([]);
    const r = applyOp(stray, { op: "normalize" }, ctx);
    assertDraftInvariants(r.draft);
    expect(titles(r.draft)).toEqual([expect.objectContaining({ st: 3000, d: 1000 })]);
  });
});

describe("checkDraftInvariants", () => {
  const { draft } = videoDraft([4000, 4000]);
  const main = draft.t[0];
  const broken: { name: string; draft: Draft; problem: RegExp }[] = [
    { name: "wrong d", draft: { ...draft, d: 1 }, problem: /d is 1/ },
    {
      name: "gap on the main track",
      draft: {
        ...draft,
        t: [{ ...main, sg: [main.sg[0], { ...main.sg[1], st: 4500 }] }],
        d: 8500,
      } as Draft,
      problem: /expected 4000/,
    },
    {
      name: "duplicate ids",
      draft: {
        ...draft,
        t: [{ ...main, sg: [main.sg[0], { ...main.sg[1], id: main.sg[0].id }] }],
      } as Draft,
      problem: /duplicate id/,
    },
    {
      name: "length not matching speed",
      draft: {
        ...draft,
        t: [
          {
            ...main,
            sg: [
              { ...main.sg[0], speed: 2 },
              { ...main.sg[1], st: 4000 },
            ],
          },
        ],
      } as Draft,
      problem: /does not match/,
    },
    {
      name: "text past the end",
      draft: {
        ...draft,
        t: [
          ...draft.t,
          {
            tt: 7,
            m: {},
            sg: [
              {
                id: "t",
                st: 7000,
                d: 2000,
                text: "x",
                kind: "title",
                position: "center",
                size: 0.05,
                color: "#FFFFFF",
                style: "classic",
              },
            ],
          },
        ],
        d: 9000,
      } as Draft,
      problem: /runs past the video end/,
    },
  ];
  it.each(broken)("catches $name", ({ draft: bad, problem }) => {
    expect(checkDraftInvariants(bad).join("\n")).toMatch(problem);
  });
});

describe("analysisNeeds", () => {
  it.each([
    [{ op: "trim", start: "intro" }, ["contentStartMs"]],
    [{ op: "trim", start: 2 }, []],
    [{ op: "captions" }, ["words"]],
    [{ op: "remove_fillers" }, ["words", "energy"]],
    [{ op: "remove_silence" }, ["silences", "energy"]],
    [{ op: "cut_words", spans: [{ from: 1, to: 2 }] }, ["words", "energy"]],
    [{ op: "cut_text", match: "every", phrase: "um" }, ["words", "energy"]],
    [{ op: "restore_words", mediaId: "v1", from: 1, to: 2 }, ["words"]],
    [{ op: "cut", from: 1, to: 2 }, []],
  ] as [Op, string[]][])("%o needs %o", (op, needs) => {
    expect(analysisNeeds(op)).toEqual(needs);
    if (needs.length) expect(askInChat(op)).toMatch(/in the chat/);
  });
});
