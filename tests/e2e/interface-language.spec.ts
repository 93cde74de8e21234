import { expect, test, type Locator } from "@playwright/test";
import { makeClip, makeSpeechClip } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

test.use({ viewport: { width: 1440, height: 900 } });

// The interface in the browser's language (Simplified Chinese here), and replies in the
// language of the request, whatever the interface's.

// Names that read the same in every language: brands, formats, file names.
const SAME_IN_EVERY_LANGUAGE =
  /Video Skill Online|English|YouTube|Shorts|TikTok|Reels|Instagram|Vimeo|NemoVideo|Ctrl|Shift|Delete|Space|Home|End|Esc|\S+\.(mp4|wav|srt|vtt)\b|MP4|WebM|\bfor\b|pocketsphinx|whisper|WHISPER_MODEL|ggml|en-us/g;

/**
 * English words (four letters or more) left in a panel once the names above are taken
 * out. The timeline's text summary is the server's (read by screen readers) and is left out.
 */
async function englishWords(panel: Locator): Promise<string[]> {
  const text = await panel.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy
      .querySelectorAll(
        "[data-testid=timeline-summary], [data-testid=timeline-summary-text], option",
      )
      .forEach((n) => n.remove());
    document.body.appendChild(copy);
    const shown = copy.innerText;
    copy.remove();
    return shown;
  });
  return text.replace(SAME_IN_EVERY_LANGUAGE, " ").match(/[A-Za-z]{4,}/g) ?? [];
}

test.describe("with the browser in Simplified Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("the header, media bin, chat, timeline and export panel show Chinese; the switch goes back to English", async ({
    page,
  }, info) => {
    const clip = makeClip({ seconds: 3, name: "zh-panels.mp4" });
    const studio = new StudioPage(page);
    await studio.open();
    await expect(studio.status()).toHaveText("就绪");
    await expect(page.getByTestId("language-switch")).toHaveValue("zh");
    await expect(page.getByTestId("chat")).toContainText("随时可以开始。");
    await expect(studio.suggestedPrompts().nth(1)).toHaveText(
      "“去掉开头，加上字幕，导出到 YouTube”",
    );
    await studio.chooseFiles([clip]);
    await studio.expectMediaCount(1);
    await studio.addAllToTimeline();
    await expect(page.getByTestId("media-bin")).toContainText("已在时间线上");

    await expect(page.getByRole("heading", { name: "素材" })).toBeVisible();
    await expect(page.getByTestId("header-export")).toHaveText("导出");
    await expect(page.getByTestId("export-start")).toContainText("导出视频");
    await expect(page.getByTestId("export-panel")).toContainText("Instagram 方形");
    await expect(page.getByTestId("chat-input")).toHaveAttribute("placeholder", /^描述你的剪辑/);
    await expect(page.getByTestId("side-transcript")).toHaveText("文字稿");
    await expect(page.getByTestId("split")).toContainText("分割");

    for (const id of ["media-bin", "chat", "timeline", "export-panel"]) {
      expect(await englishWords(page.getByTestId(id)), id).toEqual([]);
    }
    expect(await englishWords(page.locator("header")), "header").toEqual([]);
    await page.screenshot({ path: info.outputPath("studio-zh.png"), fullPage: true });

    await page.getByTestId("language-switch").selectOption("en");
    await expect(studio.status()).toHaveText("Ready");
    await expect(page.getByTestId("export-start")).toContainText("Export video");
    await expect(page.getByRole("heading", { name: "Media" })).toBeVisible();
  });
});

test("a request written in Chinese gets a Chinese reply and Chinese by-hand tips, in an English interface", async ({
  page,
}, info) => {
  test.setTimeout(300_000);
  const clip = makeSpeechClip({
    text: "Welcome to the workshop. Today we build a small shelf from pine boards, and we measure every board twice.",
    silenceSeconds: 3,
    width: 320,
    height: 240,
    name: "zh-request.mp4",
  });
  const studio = new StudioPage(page);
  await studio.openWith([clip]);
  await studio.addAllToTimeline();
  await expect(studio.tracks("video")).toHaveCount(1);

  await studio.sendMessage("去掉开头，加上字幕");
  const reply = await studio.waitForReply(240_000);
  await expect(reply.getByTestId("chat-error")).toHaveCount(0);
  const said = await reply.getByTestId("assistant-text").innerText();
  expect(said).toMatch(/^我将剪掉开头/);
  expect(said).toContain("字幕");
  expect(said.replace(SAME_IN_EVERY_LANGUAGE, " ").match(/[A-Za-z]{4,}/g) ?? []).toEqual([]);

  const tips = reply.getByTestId("chat-tip").locator("li");
  expect(await tips.count()).toBeGreaterThan(0);
  for (const tip of await tips.allInnerTexts()) {
    expect(tip).toMatch(/[\u4e00-\u9fff]/);
    expect(tip.replace(SAME_IN_EVERY_LANGUAGE, " ").match(/[A-Za-z]{4,}/g) ?? [], tip).toEqual([]);
  }
  for (const step of await reply.getByTestId("chat-step").allInnerTexts())
    expect(step, step).toMatch(/[\u4e00-\u9fff]/);
  // And it was carried out: captions on the timeline.
  await expect(studio.tracks("text")).toHaveCount(1);
  await reply.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath("reply-zh.png") });
});
