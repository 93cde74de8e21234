import { describe, expect, it } from "vitest";
import { draftSchema } from "@/lib/draft/schema";
import { captionCues, toSrt, toVtt } from "./write-subtitles";

const draft = draftSchema.parse({
  d: 70_000,
  m: {},
  t: [
    {
      tt: 7,
      m: { role: "titles" },
      sg: [{ id: "t", st: 0, d: 3000, text: "My trip", kind: "title" }],
    },
    {
      tt: 7,
      m: { role: "captions" },
      sg: [
        { id: "c2", st: 61_500, d: 2250, text: "a <b> & c --> d", kind: "caption" },
        { id: "c1", st: 1000, d: 1500, text: "Hello there,\n\nfriends", kind: "caption" },
      ],
    },
  ],
});

describe("subtitle files", () => {
  it("takes only caption cues, in time order", () => {
    expect(captionCues(draft).map((c) => c.id)).toEqual(["c1", "c2"]);
  });

  it("writes SRT with numbered cues and comma milliseconds", () => {
    expect(toSrt(captionCues(draft))).toBe(
      "1\n00:00:01,000 --> 00:00:02,500\nHello there,\nfriends\n\n2\n00:01:01,500 --> 00:01:03,750\na <b> & c --> d\n",
    );
  });

  it("writes WebVTT with escaped markup", () => {
    expect(toVtt(captionCues(draft))).toBe(
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nHello there,\nfriends\n\n00:01:01.500 --> 00:01:03.750\na &lt;b> &amp; c --&gt; d\n",
    );
  });

  it("has nothing to write without captions", () => {
    expect(captionCues(draftSchema.parse({ t: [], d: 0, m: {} }))).toEqual([]);
  });
});
