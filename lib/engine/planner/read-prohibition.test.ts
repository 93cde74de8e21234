import { describe, expect, it } from "vitest";
import { evalContext } from "./eval/score";
import { forbidsEdit, rewriteNegatedKeep } from "./read-prohibition";
import { planWithRules } from "./rule-planner";

// Sentences that say what not to do must never produce that edit (the founders' rule:
// never the opposite of what was asked). These are not the eval table's sentences.

const plan = (r: string) => planWithRules(r, evalContext());
const opsOf = (r: string) => plan(r).ops.map((o) => o.op);

describe("forbidsEdit", () => {
  it("reads negated actions and leave-alone clauses in English and Chinese", () => {
    for (const c of [
      "please never speed this up",
      "do not remove the subtitles",
      "you don't have to trim anything",
      "leave the soundtrack as it is",
      "keep my titles untouched",
      "千万别删字幕",
      "不用调音乐",
      "标题先别动",
      "保留原声",
    ])
      expect(forbidsEdit(c), c).toBe(true);
  });
  it("leaves edits alone: removals by dislike, kept spans, reminders", () => {
    for (const c of [
      "don't need the intro",
      "don't forget to add subtitles",
      "keep ⟦t0⟧ only",
      "不要最后那⟦t0⟧",
      "add a song",
    ])
      expect(forbidsEdit(c), c).toBe(false);
  });
  it("turns a refused keep into a removal", () => {
    expect(rewriteNegatedKeep("please don't keep the last bit")).toBe("please remove the last bit");
    expect(rewriteNegatedKeep("别保留结尾")).toBe("去掉结尾");
  });
});

describe("the planner on prohibitions", () => {
  it("does nothing (and asks what to do) when the whole request is a prohibition", () => {
    for (const r of [
      "Never add a soundtrack!",
      "don't shorten the ending",
      "别给我加字幕",
      "音乐不要删",
    ]) {
      const p = plan(r);
      expect(p.ops, r).toEqual([]);
      expect(p.intent, r).toBe("clarify");
    }
    expect(plan("标题别改").reply).toMatch(/[\u4e00-\u9fff]/);
  });
  it("does the rest of the request and not the forbidden part", () => {
    expect(opsOf("trim the pauses but please don't touch the soundtrack")).toEqual([
      "remove_silence",
    ]);
    expect(opsOf("leave the subtitles and just remove the song")).toEqual(["remove_music"]);
    expect(opsOf("背景音乐保留，去掉语气词")).toEqual(["remove_fillers"]);
    expect(plan("don't keep the opening 6 seconds").ops).toEqual([{ op: "trim", start: 6 }]);
  });
});

describe("more ways of saying no", () => {
  it("reads 'stop …ing', 'don't want it <state>' and 'like I said, don't'", () => {
    for (const r of [
      "stop trimming the opening",
      "quit muting stuff",
      "i don't want it slower",
      "like i said don't crop it",
    ]) {
      expect(plan(r).ops, r).toEqual([]);
      expect(plan(r).intent, r).toBe("clarify");
    }
  });
  it("removes what 'no need for' or 'X no' refuses", () => {
    expect(opsOf("no need for subtitles")).toEqual(["remove_captions"]);
    expect(opsOf("subs yes, song no")).toEqual(["captions", "remove_music"]);
  });
  it("lets 'i don't want it' point back at the span before it", () => {
    expect(plan("the bit from 0:20 to 0:26, honestly i don't want it").ops).toEqual([
      { op: "cut", from: 20, to: 26 },
    ]);
  });
});

describe("Chinese prohibitions of any edit verb", () => {
  it("never mutes, exports or rotates when told not to", () => {
    for (const r of ["千万别静音", "暂时不要导出", "先不用导出", "别翻转画面"])
      expect(plan(r).ops, r).toEqual([]);
  });
});

describe("refusals that are not 'don't'", () => {
  it("never exports, cuts or adds after avoid / hold off / skip the export / no cuts", () => {
    for (const r of [
      "hold off on rendering",
      "no render for now",
      "avoid trimming the opening",
      "refrain from muting anything",
      "no cuts yet",
    ]) {
      expect(plan(r).ops, r).toEqual([]);
      expect(plan(r).intent, r).toBe("clarify");
    }
    expect(opsOf("skip the first 4 seconds")).toEqual(["trim"]);
  });
});

describe("taking back one edit", () => {
  it("never applies the edit it cancels", () => {
    for (const r of ["取消慢放", "撤销横屏", "cancel the slow motion"]) {
      expect(plan(r).ops, r).toEqual([]);
    }
    expect(opsOf("撤下标题")).toEqual(["remove_text"]);
    expect(opsOf("取消静音")).toEqual(["volume"]);
  });
});

describe("removing an effect rather than a thing", () => {
  it("never applies the effect named after remove / no more / 去掉, and says how to go back", () => {
    for (const r of [
      "get rid of the speed-up",
      "no more slow-mo please",
      "remove the fade in",
      "去掉慢动作",
    ]) {
      const p = plan(r);
      expect(p.ops, r).toEqual([]);
      expect(p.reply, r).toMatch(/undo|撤销/);
    }
    expect(opsOf("remove the colour filter")).toEqual(["color"]);
    expect(opsOf("make it square")).toEqual(["aspect"]);
  });
});
