import { describe, expect, it } from "vitest";
import { countRawSegments, decodeDraft, linkMedia } from "./decode-draft";

describe("decodeDraft", () => {
  it("reads the documented fields and keeps unknown segment fields", () => {
    const { draft, notes } = decodeDraft({
      t: [
        {
          tt: 0,
          sg: [
            {
              id: "v1",
              st: 0,
              d: 10_000,
              src: "m1",
              name: "city timelapse",
              in: 0,
              out: 10_000,
              fx: { glow: 1 },
            },
          ],
        },
        {
          tt: 1,
          sg: [{ id: "a1", st: 0, d: 10_000, src: "m2", name: "Lo-fi", out: 10_000, volume: 0.35 }],
        },
        { tt: 7, sg: [{ id: "t1", st: 0, d: 3000, text: "Urban Dreams" }] },
      ],
      d: 10_000,
      m: { title: "City", width: 1920, height: 1080 },
    });
    expect(notes).toEqual([]);
    expect(draft.t.map((t) => t.tt)).toEqual([0, 1, 7]);
    expect(draft.t[0].sg[0]).toMatchObject({ id: "v1", fx: { glow: 1 }, speed: 1 });
    expect(draft.m).toMatchObject({ title: "City", width: 1920, height: 1080, aspect: "16:9" });
    expect(draft.d).toBe(10_000);
  });

  it.each<[string, unknown, (d: ReturnType<typeof decodeDraft>) => void]>([
    ["null", null, ({ draft, notes }) => expect([draft.t.length, notes.length]).toEqual([0, 0])],
    [
      "a JSON string",
      JSON.stringify({
        t: [{ tt: 7, sg: [{ id: "x", st: 0, d: 1000, text: "Hi" }] }],
        d: 1000,
        m: {},
      }),
      ({ draft }) => expect(draft.t[0].sg).toHaveLength(1),
    ],
    ["broken JSON", "{not json", ({ notes }) => expect(notes[0]).toMatch(/could not be read/)],
    [
      "numeric strings",
      { t: [{ tt: "0", sg: [{ id: "v", st: "500", d: "2000", src: "m", out: "2000" }] }], m: {} },
      ({ draft }) => expect(draft.t[0].sg[0]).toMatchObject({ st: 500, d: 2000 }),
    ],
    [
      "missing id and d from in/out",
      { t: [{ tt: 0, sg: [{ start: 0, src: "m", in: 1000, out: 4000 }] }], m: {} },
      ({ draft }) => expect(draft.t[0].sg[0]).toMatchObject({ id: "seg_0_0", d: 3000 }),
    ],
    [
      "out-of-range enums fall back to defaults",
      {
        t: [
          {
            tt: 7,
            sg: [
              {
                id: "c",
                st: 0,
                d: 1000,
                text: "Hi",
                position: "bottom_center",
                color: "red",
                style: "neon",
              },
            ],
          },
        ],
        m: {},
      },
      ({ draft }) =>
        expect(draft.t[0].sg[0]).toMatchObject({
          position: "bottom",
          color: "#FFFFFF",
          style: "classic",
        }),
    ],
    [
      "volume as percent",
      { t: [{ tt: 1, sg: [{ id: "a", st: 0, d: 1000, src: "m", out: 1000, volume: 35 }] }], m: {} },
      ({ draft }) => expect(draft.t[0].sg[0]).toMatchObject({ volume: 0.35 }),
    ],
    [
      "text under another name",
      { t: [{ tt: 7, sg: [{ id: "c", st: 0, d: 1000, content: "Hello" }] }], m: {} },
      ({ draft }) => expect(draft.t[0].sg[0]).toMatchObject({ text: "Hello" }),
    ],
    [
      "an unreadable segment is skipped with a note",
      {
        t: [
          {
            tt: 7,
            sg: [
              { id: "c", st: 0, d: 1000 },
              { id: "ok", st: 0, d: 1000, text: "fine" },
            ],
          },
        ],
        m: {},
      },
      ({ draft, notes }) => {
        expect(draft.t[0].sg.map((s) => s.id)).toEqual(["ok"]);
        expect(notes.join()).toMatch(/1 segment from the cloud could not be shown/);
      },
    ],
    [
      "segments with timing fields we do not know are shown in order, marked",
      {
        t: [
          {
            tt: 0,
            sg: [
              { id: "a", s: 0, e: 4000, src: "https://cdn.example/u/talk.mp4" },
              { id: "b", s: 4000, e: 9000, src: "m2", name: "broll.mov" },
            ],
          },
          { tt: 7, sg: [{ id: "t", s: 0, e: 2000, text: "Hello" }] },
        ],
        d: 9000,
        m: {},
      },
      ({ draft, notes }) => {
        expect(
          draft.t[0].sg.map((s) => [s.id, s.st, s.d, s.name, (s as { timing?: string }).timing]),
        ).toEqual([
          ["a", 0, 5000, "talk.mp4 (timing unknown)", "unknown"],
          ["b", 5000, 5000, "broll.mov (timing unknown)", "unknown"],
        ]);
        expect(draft.t[0].sg[0]).toMatchObject({
          s: 0,
          e: 4000,
          src: "https://cdn.example/u/talk.mp4",
        });
        expect(draft.t[1].sg[0]).toMatchObject({
          text: "Hello",
          timing: "unknown",
          st: 0,
          d: 5000,
        });
        expect(notes.join()).toMatch(
          /^3 segments from the cloud have timing this studio cannot read \(unknown fields: s, e\): they are shown in order, marked "timing unknown"/,
        );
        expect(notes.join()).not.toMatch(/could not be shown/);
      },
    ],
    [
      "a segment with neither timing nor a source is still skipped",
      { t: [{ tt: 0, sg: [{ id: "x", s: 0, e: 10 }] }], m: {} },
      ({ draft, notes }) => {
        expect(draft.t[0].sg).toEqual([]);
        expect(notes.join()).toMatch(/1 segment from the cloud could not be shown/);
      },
    ],
    [
      "an unknown track type is left out with a note",
      {
        t: [
          { tt: 3, sg: [{ id: "s" }] },
          { tt: 0, sg: [] },
        ],
        m: {},
      },
      ({ draft, notes }) => {
        expect(draft.t.map((t) => t.tt)).toEqual([0]);
        expect(notes.join()).toMatch(/type 3/);
      },
    ],
    [
      "vertical frame gets 9:16",
      { t: [], m: { width: 1080, height: 1920 } },
      ({ draft }) => expect(draft.m.aspect).toBe("9:16"),
    ],
    [
      "duration from segments when d is missing",
      { t: [{ tt: 7, sg: [{ id: "c", st: 2000, d: 1000, text: "x" }] }] },
      ({ draft }) => expect(draft.d).toBe(3000),
    ],
    [
      "garbage entries",
      { t: [null, 5, "x", { tt: 0, sg: [null, 7] }], m: "nope" },
      ({ draft, notes }) => {
        expect(draft.t).toHaveLength(1);
        expect(notes.join()).toMatch(/2 segments/);
      },
    ],
  ])("%s", (_name, input, check) => {
    check(decodeDraft(input, "My project"));
  });
});

describe("countRawSegments", () => {
  it.each<[string, unknown, number]>([
    [
      "segments of every shape",
      {
        t: [
          { tt: 0, sg: [{ s: 0 }, { id: "x" }] },
          { tt: 9, segments: [{}] },
        ],
      },
      3,
    ],
    ["a JSON string", JSON.stringify({ tracks: [{ sg: [{}] }] }), 1],
    ["garbage", { t: [null, { sg: [null, 4] }] }, 0],
    ["nothing", null, 0],
  ])("%s", (_name, input, n) => {
    expect(countRawSegments(input)).toBe(n);
  });
});

describe("linkMedia", () => {
  it("names a segment of unknown timing after our upload, keeping the mark", () => {
    const { draft } = decodeDraft({
      t: [{ tt: 0, sg: [{ id: "v", s: 0, e: 1, src: "https://cdn.example/a.mp4?sig=x" }] }],
      m: {},
    });
    const linked = linkMedia(draft, [
      { id: "nmv_1", url: "https://cdn.example/a.mp4?sig=x", hash: "h1", name: "My talk.mp4" },
    ]);
    expect(linked.t[0].sg[0]).toMatchObject({
      src: "nmv_1",
      name: "My talk.mp4 (timing unknown)",
      timing: "unknown",
    });
  });

  const media = [{ id: "nmv_1", url: "https://cdn.example/a.mp4", hash: "h1", name: "a.mp4" }];
  it.each([
    ["by CDN URL", "https://cdn.example/a.mp4"],
    ["by hash", "h1"],
  ])("points a segment found %s at our media id, keeping the cloud's value", (_name, src) => {
    const { draft } = decodeDraft({
      t: [{ tt: 0, sg: [{ id: "v", st: 0, d: 1000, src, out: 1000 }] }],
      m: {},
    });
    expect(linkMedia(draft, media).t[0].sg[0]).toMatchObject({
      src: "nmv_1",
      name: "a.mp4",
      cloudSrc: src,
    });
  });
  it("leaves unknown sources and text alone", () => {
    const { draft } = decodeDraft({
      t: [
        { tt: 0, sg: [{ id: "v", st: 0, d: 1000, src: "elsewhere", out: 1000 }] },
        { tt: 7, sg: [{ id: "t", st: 0, d: 1000, text: "h1" }] },
      ],
      m: {},
    });
    expect(linkMedia(draft, media)).toEqual(draft);
  });
});
