import { describe, expect, it } from "vitest";
import { detectAnchoredCuts } from "./detect-transcript";
import { planWithRules } from "./rule-planner";
import { emptyContext } from "./planner-context";

// Chat requests that anchor cuts to quoted words: one row per phrasing.

describe("detectAnchoredCuts", () => {
  it.each([
    ["remove every 'basically'", { match: "every", phrase: "basically" }],
    ['Delete all instances of "you know"', { match: "every", phrase: "you know" }],
    ["cut the word “literally” everywhere", { match: "every", phrase: "literally" }],
    [
      "cut from 'welcome back' to 'let's begin'",
      { match: "range", phrase: "welcome back", until: "let's begin" },
    ],
    [
      'remove everything between "first" and "second"',
      { match: "range", phrase: "first", until: "second" },
    ],
    [
      "delete the sentence that starts with 'so anyway'",
      { match: "sentence", phrase: "so anyway" },
    ],
    [
      "please remove the sentence beginning with ‘we’re done’",
      { match: "sentence", phrase: "we’re done" },
    ],
  ])("%s", (request, op) => {
    expect(detectAnchoredCuts(request)?.ops).toEqual([{ op: "cut_text", ...op }]);
  });

  it.each([
    ["add the title 'Welcome back'"],
    ["remove the pauses"],
    ["delete 'clip2.mp4'"],
    ["cut 'intro'"],
  ])("leaves other requests alone: %s", (request) => {
    expect(detectAnchoredCuts(request, ["intro"])).toBeNull();
  });

  it("plans the rest of the request with the other rules", () => {
    const plan = planWithRules(
      "remove every 'basically' and export for youtube",
      emptyContext({ durationSec: 60, aspect: "16:9" }),
    );
    expect(plan.intent).toBe("edit");
    expect(plan.ops).toEqual([
      { op: "cut_text", match: "every", phrase: "basically" },
      { op: "export", preset: "youtube" },
    ]);
    expect(plan.reply).toBe('I\'ll remove every "basically" and export for YouTube (1920x1080).');
  });
});
