import { describe, expect, it } from "vitest";
import { evalContext } from "./eval/score";
import { correctTypos } from "./correct-typos";
import { normalizeRequest } from "./normalize-request";
import { planWithRules } from "./rule-planner";

// General readings added for requests nobody developed against (bench/planner-fresh-eval.ts):
// more removal verbs, texting shorthand, a tie-break for typos, a caption position with
// captions already there, the undo idiom "how it was", "background music" not the
// unsupported "remove the background". Sentences here are not the eval table's.

const plan = (r: string) => planWithRules(r, evalContext());

describe("fresh readings", () => {
  it("reads snip / erase / omit as removal, never as keep-only", () => {
    expect(plan("snip off 1:30 to 1:42").ops).toEqual([{ op: "cut", from: 90, to: 102 }]);
    expect(plan("erase 0:05-0:09").ops).toEqual([{ op: "cut", from: 5, to: 9 }]);
  });
  it("reads texting shorthand", () => {
    expect(normalizeRequest("u r 2 loud").text).toBe("you are too loud");
    expect(normalizeRequest("export 4 yt").text).toMatch(/for youtube/);
    expect(plan("the last 6 sec r bad, drop em").ops).toEqual([{ op: "trim", end: 174 }]);
  });
  it("breaks a typo's tie toward the word with the same letters, and spares contractions", () => {
    expect(correctTypos("slwo it donw")).toBe("slow it down");
    expect(correctTypos("they aren't")).toBe("they aren't");
    expect(correctTypos("i dont want that")).toBe("i dont want that");
  });
  it("moves existing captions when only a place is named, and adds when asked to", () => {
    expect(plan("subtitles up top please").ops).toEqual([{ op: "caption_style", position: "top" }]);
    expect(plan("subtitles in the centre").ops).toEqual([
      { op: "caption_style", position: "center" },
    ]);
  });
  it("takes 'the way it was' as undo even though it says 'put back'", () => {
    expect(plan("put it back the way it was").intent).toBe("undo");
  });
  it("removes background music instead of refusing 'remove the background'", () => {
    expect(plan("please remove the background song").ops).toEqual([{ op: "remove_music" }]);
    expect(plan("remove the background").intent).toBe("clarify");
  });
  it("answers a Chinese request with a borrowed brand in Chinese", () => {
    expect(plan("导出到Instagram").reply).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("fresh readings in Chinese", () => {
  it("reads silent stretches as pauses, not as mute", () => {
    expect(plan("安静的地方都剪掉").ops).toEqual([{ op: "remove_silence" }]);
    expect(plan("没人说话的片段删掉").ops).toEqual([{ op: "remove_silence" }]);
    expect(plan("原声关了").ops).toEqual([{ op: "volume", level: 0 }]);
  });
  it("reads 后面 / 最后面 as the end", () => {
    expect(plan("最后面8秒剪掉").ops).toEqual([{ op: "trim", end: 172 }]);
  });
  it("asks about the length as a state question", () => {
    expect(plan("片子总共多久").intent).toBe("state");
    expect(plan("what's the duration").intent).toBe("state");
  });
  it("changes the song when asked for another one", () => {
    expect(plan("换首别的歌").ops).toMatchObject([{ op: "music" }]);
    expect(plan("来点配乐吧").ops).toMatchObject([{ op: "music" }]);
    expect(plan("put on another song").ops).toMatchObject([{ op: "music" }]);
  });
  it("asks its questions in Chinese", () => {
    expect(plan("字幕换成蓝色").reply).toMatch(/字幕颜色/);
    expect(plan("变速到8倍").reply).toMatch(/倍速/);
  });
});

describe("spans that used to read as their opposite", () => {
  it("reads 'goes' / 'gone' / 'gotta go' as removal", () => {
    expect(plan("all of it after 2:40 goes").ops).toEqual([{ op: "trim", end: 160 }]);
    expect(plan("i'd like 0:40-0:44 gone").ops).toEqual([{ op: "cut", from: 40, to: 44 }]);
    expect(plan("0:15 to 0:18 has gotta go").ops).toEqual([{ op: "cut", from: 15, to: 18 }]);
  });
  it("asks when a range comes with no verb, instead of keeping only it", () => {
    const p = plan("1:05-1:12 pls");
    expect(p.intent).toBe("clarify");
    expect(p.choices).toEqual(["remove 1:05-1:12", "keep only 1:05-1:12"]);
  });
  it("reads 'the start/end by N' and '1st' as that end", () => {
    expect(plan("cut the ending by 7 seconds").ops).toEqual([{ op: "trim", end: 173 }]);
    expect(plan("remove the 1st 9 seconds").ops).toEqual([{ op: "trim", start: 9 }]);
  });
});

describe("casual captions, music and speed", () => {
  it("moves captions by direction and merges two restyles into one", () => {
    expect(plan("bigger subtitles, and shift them up").ops).toEqual([
      { op: "caption_style", scale: 1.25, position: "top" },
    ]);
  });
  it("reads 'volume down', 'bg' and 'x2'", () => {
    expect(plan("audio down a little on the song").ops).toMatchObject([
      { op: "volume", track: "music" },
    ]);
    expect(plan("some bg tunes with a song").ops).toMatchObject([{ op: "music" }]);
    expect(plan("playback x3").ops).toEqual([{ op: "speed", factor: 3 }]);
    expect(normalizeRequest("export 1080x1920").text).toContain("1080x1920");
  });
});

describe("colloquial Chinese", () => {
  it("never adds what 不想要 refuses", () => {
    expect(plan("我不想要背景音乐").ops).toEqual([{ op: "remove_music" }]);
    expect(plan("不想加标题").ops).toEqual([]);
  });
  it("reads 调大 / 调小 / 开大 and 快点 / 慢点 as directions", () => {
    expect(plan("标题调小").ops).toEqual([{ op: "text_style", scale: 0.8 }]);
    expect(plan("配乐开大点").ops).toMatchObject([{ op: "volume", track: "music" }]);
    expect(plan("播放速度快点").ops).toEqual([{ op: "speed", factor: 1.5 }]);
  });
  it("reads 'object + 删了' and '开头有N秒'", () => {
    expect(plan("字幕都删了").ops).toEqual([{ op: "remove_captions" }]);
    expect(plan("结尾有4秒是黑的，删掉").ops).toEqual([{ op: "trim", end: 176 }]);
  });
  it("reads 回到上一步 as undo and 啥情况 as state", () => {
    expect(plan("帮我回到上一步").intent).toBe("undo");
    expect(plan("时间线现在什么情况").intent).toBe("state");
  });
});

describe("a length after 'the video'", () => {
  it("reads 'make the video 40 seconds' as a length, not clip 40", () => {
    expect(plan("make the video 40 seconds").ops).toEqual([{ op: "trim", end: 40 }]);
    expect(plan("make the clip 2 minutes").ops).toEqual([{ op: "trim", end: 120 }]);
  });
});

describe("typos and bare platform names", () => {
  it("reads 'trun' as turn (one swap), not trim", () => {
    expect(plan("trun up the song").ops).toMatchObject([{ op: "volume", track: "music" }]);
  });
  it("reshapes for a platform named on its own when the shape differs", () => {
    expect(plan("tik-tok please").ops).toEqual([{ op: "aspect", ratio: "9:16" }]);
    expect(plan("ig reels").ops).toEqual([{ op: "aspect", ratio: "9:16" }]);
    expect(plan("you tube").ops).toEqual([]);
  });
});

describe("export after a shape change in the same request", () => {
  it("exports in the shape just asked for", () => {
    expect(plan("去掉字幕，然后竖屏导出").ops).toEqual([
      { op: "remove_captions" },
      { op: "aspect", ratio: "9:16" },
      { op: "export", preset: "shorts" },
    ]);
    expect(plan("make it vertical and export it for tiktok").ops.at(-1)).toEqual({
      op: "export",
      preset: "tiktok",
    });
  });
});

describe("Chinese exceptions and open ends", () => {
  it("reads X以外的都删 as keeping X", () => {
    expect(plan("前15秒以外的全删掉").ops).toEqual([{ op: "trim", end: 15 }]);
  });
  it("reads 从X开始往后 as X to the end, not 'start at X'", () => {
    expect(plan("从2分40秒开始往后都删掉").ops).toEqual([{ op: "trim", end: 160 }]);
  });
});

describe("open ends and judgements in English", () => {
  it("reads 'onward(s)' and 'beyond' as to the end", () => {
    expect(plan("trim 2:50 onwards").ops).toEqual([{ op: "trim", end: 170 }]);
    expect(plan("drop whatever is beyond 2:45").ops).toEqual([{ op: "trim", end: 165 }]);
  });
  it("reads 'is useless / trash' about a span as removal", () => {
    expect(plan("the last 12 seconds are pretty pointless").ops).toEqual([
      { op: "trim", end: 168 },
    ]);
  });
});

describe("more ways to name pauses and fillers", () => {
  it("reads dead space, 'no long pauses', 多余的停顿 and 口水词", () => {
    expect(plan("cut out the dead space").ops).toEqual([{ op: "remove_silence" }]);
    expect(plan("without the long pauses pls").ops).toEqual([{ op: "remove_silence" }]);
    expect(plan("把多余的停顿删掉").ops).toEqual([{ op: "remove_silence" }]);
    expect(plan("口水词都去掉").ops).toEqual([{ op: "remove_fillers" }]);
  });
});

describe("the end with no length, and hedged lengths", () => {
  it("asks how much of the end to cut", () => {
    expect(plan("please trim the end").intent).toBe("clarify");
    expect(plan("please trim the end").reply).toMatch(/how much of the end/);
    expect(plan("删掉结尾").reply).toMatch(/剪掉结尾多少/);
  });
  it("reads 'about 40s' and 'around a minute' as the length", () => {
    expect(plan("shorten it to about 40s").ops).toEqual([{ op: "trim", end: 40 }]);
  });
});

describe("minutes and seconds said with 'min' and a spelled-out unit", () => {
  it("reads '2 min 5 seconds to 2 min 9 seconds' as one range", () => {
    expect(plan("remove 2 min 5 seconds to 2 min 9 seconds").ops).toEqual([
      { op: "cut", from: 125, to: 129 },
    ]);
  });
});

describe("placing the title in Chinese", () => {
  it("reads 放 / 挪 + a place as a move", () => {
    expect(plan("把标题挪到底部").ops).toEqual([{ op: "text_style", position: "bottom" }]);
  });
});

describe("Chinese verbs on English words", () => {
  it("reads 去掉silence and answers 'slow down一点' in Chinese", () => {
    expect(plan("删除silences").ops).toEqual([{ op: "remove_silence" }]);
    expect(plan("slow down一点").reply).toMatch(/[\u4e00-\u9fff]/);
  });
});
