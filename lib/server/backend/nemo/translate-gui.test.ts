import { describe, expect, it } from "vitest";
import { createSentenceBuffer, translateGui } from "./translate-gui";

describe("translateGui", () => {
  it.each([
    ["Click Export to download your video.", ["export"], /starting the export/],
    ["When you're happy, click the Export button.", ["export"], /starting the export/],
    ['Tap "Export" in the top right corner.', ["export"], /starting the export/],
    ["点击导出即可下载视频。", ["export"], /starting the export/],
    ["You can preview in timeline before exporting.", ["timeline"], /^$/],
    ["Open the project panel to see your clips.", ["timeline"], /^$/],
    ["打开项目查看素材。", ["timeline"], /^$/],
    ["Drag the clip to reorder it.", [], /type the change you want/],
    ["拖拽片段即可调整顺序。", [], /type the change you want/],
    [
      "Click Add Captions to generate subtitles.",
      [],
      /^Say "add captions" to generate subtitles\.$/,
    ],
    ["点击字幕按钮。", [], /说"字幕按钮"/],
    ["I trimmed the first 3 seconds.", [], /^I trimmed the first 3 seconds\.$/],
    ["I'll open the video with a title.", [], /^I'll open the video with a title\.$/],
  ])("%s", (sentence, actions, text) => {
    const t = translateGui(sentence);
    expect(t.actions).toEqual(actions);
    expect(t.text).toMatch(text);
  });

  it("keeps the sentence's spacing so streamed text still reads right", () => {
    expect(translateGui(" Click Export now. ").text).toMatch(/^ I'm starting.* $/);
  });
});

describe("createSentenceBuffer", () => {
  it("releases whole sentences and holds the unfinished one", () => {
    const b = createSentenceBuffer();
    expect(b.push("Done. Click Ex")).toEqual(["Done. "]);
    expect(b.push("port to download. And")).toEqual(["Click Export to download. "]);
    expect(b.flush()).toBe("And");
  });
  it("does not split decimals", () => {
    const b = createSentenceBuffer();
    expect(b.push("Cut to 1")).toEqual([]);
    expect(b.push(".5 s. Next")).toEqual(["Cut to 1.5 s. "]);
  });
  it("does not hold long text without punctuation forever", () => {
    const b = createSentenceBuffer(20);
    expect(b.push("a".repeat(25))).toEqual(["a".repeat(25)]);
  });
  it("handles Chinese punctuation and newlines", () => {
    const b = createSentenceBuffer();
    expect(b.push("好的。\n下一步")).toEqual(["好的。\n"]);
  });
});
