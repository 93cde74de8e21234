import { describe, expect, it } from "vitest";
import { evalContext } from "./eval/score";
import { rewriteComplaints } from "./read-complaints";
import { planWithRules } from "./rule-planner";

// A complaint wants the opposite of the word it uses: "too quiet" is a wish for louder.
// Sentences here differ from the eval table's.

const plan = (r: string) => planWithRules(r, evalContext()).ops;

describe("rewriteComplaints", () => {
  it("turns English judgements into the wish", () => {
    expect(rewriteComplaints("the song is a bit too quiet")).toBe("the song louder");
    expect(rewriteComplaints("the words are tiny")).toBe("the words bigger");
    expect(rewriteComplaints("this pace feels so slow")).toBe("this pace faster");
  });
  it("leaves wishes alone", () => {
    expect(rewriteComplaints("make the song loud")).toBe("make the song loud");
    expect(rewriteComplaints("make the text big and bold")).toBe("make the text big and bold");
  });
  it("turns Chinese complaints into the wish", () => {
    expect(rewriteComplaints("配乐太大声了")).toBe("配乐小声一点");
    expect(rewriteComplaints("标题有点小")).toBe("标题大一点");
    expect(rewriteComplaints("节奏太慢了")).toBe("节奏快一点");
    expect(rewriteComplaints("声音不够响")).toBe("声音大声一点");
  });
});

describe("the planner on complaints", () => {
  it("goes the way the complaint asks, never the way its word points", () => {
    expect(plan("ugh the song is way too quiet")).toMatchObject([{ op: "volume", track: "music" }]);
    expect((plan("ugh the song is way too quiet")[0] as { level: number }).level).toBeGreaterThan(
      0.3,
    );
    expect(plan("配乐太小声")[0]).toMatchObject({ op: "volume", track: "music" });
    expect((plan("配乐太小声")[0] as { level: number }).level).toBeGreaterThan(0.3);
    expect(plan("the subtitles look tiny")).toEqual([{ op: "caption_style", scale: 1.25 }]);
    expect(plan("subtitles are 2 big")).toEqual([{ op: "caption_style", scale: 0.8 }]);
    expect(plan("标题有点小")).toEqual([{ op: "text_style", scale: 1.25 }]);
  });
});

describe("'not so X' in Chinese and 'less X' in English", () => {
  it("reads 不要那么 / 别这么 as a wish for the opposite, never as removal", () => {
    expect(rewriteComplaints("配乐别这么吵")).toBe("配乐小声一点");
    expect(plan("标题不要那么小")).toEqual([{ op: "text_style", scale: 1.25 }]);
    expect(plan("配乐没必要那么响")[0]).toMatchObject({ op: "volume", track: "music" });
    expect((plan("配乐没必要那么响")[0] as { level: number }).level).toBeLessThan(0.3);
  });
  it("reads 'less big' and 'shrink the font' as smaller, not bold; 再大点 as one clause", () => {
    expect(plan("subtitles less large please")).toEqual([{ op: "caption_style", scale: 0.8 }]);
    expect(plan("lower the subtitle font size")).toEqual([{ op: "caption_style", scale: 0.8 }]);
    expect(plan("标题再小点")).toEqual([{ op: "text_style", scale: 0.8 }]);
  });
});
