import { describe, expect, it } from "vitest";
import { evalContext } from "./eval/score";
import { CALL_OFF, howToCommand } from "./read-question";
import { planWithRules } from "./rule-planner";

// A how-to question is answered and offered, not carried out (an export spends credits).

const plan = (r: string) => planWithRules(r, evalContext());

describe("howToCommand", () => {
  it("finds the edit a question asks about", () => {
    expect(howToCommand("what does remove fillers do?")).toBe("remove fillers");
    expect(howToCommand("how can i make it square")).toBe("make it square");
    expect(howToCommand("要怎么加标题呢")).toBe("加标题");
    expect(howToCommand("add captions")).toBeNull();
  });
});

describe("the planner on how-to questions", () => {
  it("offers the edit as a choice instead of doing it", () => {
    const p = plan("how do i render it for youtube?");
    expect(p.intent).toBe("clarify");
    expect(p.ops).toEqual([]);
    expect(p.choices).toEqual(["render it for youtube"]);
    const zh = plan("如何把视频变成竖屏");
    expect(zh.intent).toBe("clarify");
    expect(zh.reply).toMatch(/直接说/);
  });
  it("still does what a polite request asks", () => {
    expect(plan("could you remove the fillers?").ops).toEqual([{ op: "remove_fillers" }]);
  });
  it("changes nothing when the request is called off", () => {
    for (const r of ["nah thanks", "forget about it", "当我没说"]) {
      expect(CALL_OFF.test(r), r).toBe(true);
      expect(plan(r).ops, r).toEqual([]);
    }
  });
});
