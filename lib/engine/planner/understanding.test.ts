import { describe, expect, it } from "vitest";
import { planSchema, type Op } from "@/lib/plan/schema";
import { emptyContext } from "./planner-context";
import { planWithRules } from "./rule-planner";

// The requests of issue 17 ("understanding what creators type") on a 180 s clip, and the
// readings the issue lists as misses, one row each: the plan, and for span edits the
// sentence that says what goes and what stays.

const V180 = emptyContext({ durationSec: 180 });
const TITLED = emptyContext({
  durationSec: 180,
  hasTitles: true,
  hasMusic: true,
  clips: [{ index: 0, name: "a.mp4", durationSec: 180 }],
});

type Row = [request: string, ops: Op[] | "undo" | "redo" | "state" | "edit", reply?: RegExp];
const rows: Row[] = [
  // The table
  [
    "the part from 2:10 to 2:18 where the dog barks, get rid of it",
    [{ op: "cut", from: 130, to: 138 }],
    /2:10-2:18 \(8 s\) goes.*the video will be 2:52/,
  ],
  [
    "nothing after 2m15s is needed",
    [{ op: "trim", end: 135 }],
    /2:15-3:00 \(45 s\) goes; 0:00-2:15 stays/,
  ],
  ["drop everything before 65s", [{ op: "trim", start: 65 }], /0:00-1:05 \(1:05\) goes/],
  ["begin the video at 42s", [{ op: "trim", start: 42 }], /0:00-0:42 \(42 s\) goes/],
  ["lose the second half", [{ op: "trim", end: 90 }], /1:30-3:00 \(1:30\) goes/],
  ["can you undo what you just did, it looks bad", "undo"],
  // The clusters the issue names
  ["8 seconds starting at 1:00, delete that", [{ op: "cut", from: 60, to: 68 }]],
  ["从1分钟开始截取8秒", [{ op: "trim", start: 60, end: 68 }], /删除.*保留 1:00-1:08/],
  ["cut the last third", [{ op: "trim", end: 120 }]],
  ["trim 5s off both ends", [{ op: "trim", start: 5, end: 175 }]],
  ["remove 2m15s to 2m20s", [{ op: "cut", from: 135, to: 140 }]],
  ["cut a minute and a half off the end", [{ op: "trim", end: 90 }]],
  ["前30秒不要", [{ op: "trim", start: 30 }]],
  ["只要最后10秒", [{ op: "trim", start: 170 }]],
  ["bring back what you undid", "redo"],
  ["what does my timeline look like?", "state"],
  ["no more background music", [{ op: "remove_music" }]],
  ["remvoe the musci", [{ op: "remove_music" }]],
  ["加子幕", [{ op: "captions" }]],
  // Found while developing (not from the evaluation table)
  ["delete the first and last 5 seconds", [{ op: "trim", start: 5, end: 175 }]],
  ["remove the last 1/3", [{ op: "trim", end: 120 }]],
  ["把后面一半删掉", [{ op: "trim", end: 90 }]],
  ["去掉2分钟之后的内容", [{ op: "trim", end: 120 }]],
  ["i don't like the part from 1:00 to 1:10", [{ op: "cut", from: 60, to: 70 }]],
  ["get rid of those subtitles", [{ op: "remove_captions" }]],
  ["add captions n music", "edit"],
  ["i hate the music", [{ op: "remove_music" }]],
  ["从头开始删掉10秒", [{ op: "trim", start: 10 }]],
  ["最后那30秒不需要", [{ op: "trim", end: 150 }]],
  ["音乐关掉", [{ op: "remove_music" }]],
  ["把字幕去掉", [{ op: "remove_captions" }]],
  ["我刚才那步做错了，退回去", "undo"],
  ["去掉开头和结尾各3秒", [{ op: "trim", start: 3, end: 177 }]],
  ["从第30秒剪到第40秒", [{ op: "cut", from: 30, to: 40 }]],
  ["can you try removing the first 5 seconds", [{ op: "trim", start: 5 }]],
  ["could you get the music removed", [{ op: "remove_music" }]],
];

describe("issue 17: creators' phrasings", () => {
  it.each(rows)("%s", (request, want, reply) => {
    const plan = planWithRules(request, V180);
    expect(planSchema.safeParse(plan).success).toBe(true);
    if (typeof want === "string") expect(plan.intent).toBe(want);
    else expect(plan.ops).toEqual(want);
    if (reply) expect(plan.reply).toMatch(reply);
  });

  it("reads title follow-ups with 'it'", () => {
    expect(planWithRules("double the title size and make it red", TITLED).ops).toEqual([
      { op: "text_style", scale: 2, color: "#FF0000" },
    ]);
  });
});

describe("issue 17: never the opposite", () => {
  it("asks with the two concrete choices when 'trim' could mean either", () => {
    const plan = planWithRules("trim 2:10-2:18", V180);
    expect(plan).toMatchObject({
      intent: "clarify",
      choices: ["remove 2:10-2:18", "keep only 2:10-2:18"],
    });
    expect(plan.reply).toMatch(/Remove 2:10-2:18 .*or keep only 2:10-2:18\?/);
  });
  it("asks before removing most of the video, and each choice plans without a question", () => {
    const plan = planWithRules("lose the first 2:50", V180);
    expect(plan.intent).toBe("clarify");
    const [remove, keep] = plan.choices!;
    expect(planWithRules(remove, V180).ops).toEqual([{ op: "trim", start: 170 }]);
    expect(planWithRules(keep, V180).ops).toEqual([{ op: "trim", end: 170 }]);
  });
  it("asks when nothing would be left", () => {
    expect(planWithRules("delete 0:00 to 3:00", V180).intent).toBe("clarify");
  });
  it("asks in Chinese for a Chinese request", () => {
    const plan = planWithRules("把前2分50秒删掉", V180);
    expect(plan.intent).toBe("clarify");
    expect(plan.reply).toMatch(/删除 0:00-2:50.*只保留 0:00-2:50/);
    expect(plan.choices).toEqual(["删除 0:00-2:50", "只保留 0:00-2:50"]);
  });
  it("replies in Chinese to a Chinese request", () => {
    expect(planWithRules("加字幕，然后导出到抖音", V180).reply).toMatch(
      /^我将根据语音添加字幕.*导出为 抖音/,
    );
    expect(planWithRules("让视频更好看", V180).reply).toMatch(/^想先改哪里？/);
    expect(planWithRules("加一条龙", V180).reply).toMatch(/^我暂时还不能添加“龙”。我可以/);
    expect(planWithRules("删掉最后5分钟", V180).reply).toBe(
      "视频只有 3:00，没法从结尾去掉 5:00。要去掉多少？",
    );
    expect(planWithRules("分割", V180).reply).toMatch(/^要在哪里分割？/);
  });
});
