import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { makeClip, mediaDir } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

test.use({ viewport: { width: 1440, height: 900 } });

test.describe("editing", () => {
  test("add a clip, undo and redo with buttons and the keyboard; clicking the timeline seeks", async ({
    page,
  }, info) => {
    const clip = makeClip({ seconds: 3, name: "undo-clip.mp4" });
    const studio = new StudioPage(page);
    await studio.openWith([clip]);
    await studio.addAllToTimeline();
    await expect(studio.segments("video")).toHaveCount(1);
    await expect(studio.timelineSummary()).toContainText("Video: undo-clip.mp4");
    await expect(studio.player()).toHaveAttribute("data-mode", /timeline|rendered/);

    // Clicking the ruler moves the playhead.
    const ruler = page.getByTestId("timeline-ruler");
    const box = (await ruler.boundingBox())!;
    await ruler.click({ position: { x: box.width * 0.5, y: box.height / 2 } });
    await expect(ruler).not.toHaveAttribute("aria-valuenow", "0");
    await page.screenshot({ path: info.outputPath("on-timeline.png") });

    await studio.undoButton().click();
    await expect(studio.segments("video")).toHaveCount(0);
    await expect(page.getByTestId("timeline-empty")).toBeVisible();
    await studio.redoButton().click();
    await expect(studio.segments("video")).toHaveCount(1);

    // Keyboard shortcuts work outside text fields ...
    await page.locator("body").click({ position: { x: 5, y: 200 } });
    await page.keyboard.press("Control+z");
    await expect(studio.segments("video")).toHaveCount(0);
    await page.keyboard.press("Control+Shift+z");
    await expect(studio.segments("video")).toHaveCount(1);
    // Space plays and pauses the preview.
    await page.keyboard.press(" ");
    await expect(page.getByTestId("preview-play")).toHaveText("Pause");
    await page.keyboard.press(" ");
    await expect(page.getByTestId("preview-play")).toHaveText("Play");
    // ... and never while typing in the chat.
    await studio.chatInput().fill("hello");
    await studio.chatInput().press("Control+z");
    await expect(studio.segments("video")).toHaveCount(1);
  });

  test("undo after a chat edit takes the whole edit back", async ({ page }) => {
    test.setTimeout(300_000);
    const clip = makeClip({ seconds: 3, name: "chat-undo.mp4" });
    const studio = new StudioPage(page);
    await studio.openWith([clip]);
    await studio.sendMessage('add a title "Hello there" at the start');
    await studio.waitForReply();
    await expect(studio.segments("text")).toHaveCount(1);
    await studio.undoButton().click();
    await expect(studio.segments("text")).toHaveCount(0);
  });

  test("cancelling an export", async ({ page }, info) => {
    test.setTimeout(300_000);
    const clip = makeClip({ seconds: 20, name: "long-enough.mp4" });
    const studio = new StudioPage(page);
    await studio.openWith([clip]);
    await studio.addAllToTimeline();
    await expect(studio.segments("video")).toHaveCount(1);
    await studio.startExport("youtube");
    const item = studio.exportItems().first();
    await expect(item.getByTestId("export-cancel")).toBeVisible();
    await item.getByTestId("export-cancel").click();
    await expect(item).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });
    await expect(item.getByTestId("export-download")).toHaveCount(0);
    await page.screenshot({ path: info.outputPath("cancelled.png") });
    // The list survives a reload (the server keeps it).
    await page.reload();
    await studio.expectReady();
    await expect(studio.exportItems().first()).toHaveAttribute("data-status", "cancelled");
  });

  test("a captions file of one's own becomes the captions track", async ({ page }) => {
    const clip = makeClip({ seconds: 3, name: "captioned.mp4" });
    const srt = `${mediaDir()}/mine.srt`;
    fs.writeFileSync(
      srt,
      "1\n00:00:00,000 --> 00:00:01,200\nHello there\n\n2\n00:00:01,500 --> 00:00:02,800\nSecond line\n",
    );
    const studio = new StudioPage(page);
    await studio.openWith([clip]);
    await studio.addAllToTimeline();
    await expect(studio.segments("video")).toHaveCount(1);
    await page.getByTestId("captions-file-input").setInputFiles(srt);
    await expect(studio.segments("text")).toHaveCount(2);
    await expect(studio.segments("text").first()).toHaveAttribute("aria-label", /Hello there/);
    // Clicking a block seeks there; so does Enter on a focused block (keyboard users).
    await studio.segments("text").nth(1).click();
    await expect(page.getByTestId("timeline-ruler")).toHaveAttribute("aria-valuenow", "2");
    await studio.segments("text").first().focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("timeline-ruler")).toHaveAttribute("aria-valuenow", "0");
  });

  test("the preview renders after an edit and takes over from the live preview", async ({
    page,
  }, info) => {
    test.setTimeout(180_000);
    const clip = makeClip({ seconds: 3, name: "preview-me.mp4" });
    const studio = new StudioPage(page);
    await studio.openWith([clip]);
    await expect(studio.player()).toHaveAttribute("data-mode", "clip");
    await studio.addAllToTimeline();
    await expect(studio.player()).toHaveAttribute("data-mode", "timeline");
    // An edit starts a cheap preview render by itself; the player swaps it in when done.
    await expect(studio.player()).toHaveAttribute("data-mode", "rendered", { timeout: 120_000 });
    await expect(page.getByTestId("preview-mode")).toHaveText("Rendered preview");
    const video = page.getByTestId("preview-video");
    await expect(video).toHaveAttribute("src", /\/api\/exports\/.+\/download/);
    const loaded = await video.evaluate(
      (el: HTMLVideoElement) =>
        new Promise<{ w: number; d: number }>((resolve) => {
          if (el.readyState >= 1) resolve({ w: el.videoWidth, d: el.duration });
          else
            el.addEventListener(
              "loadedmetadata",
              () => resolve({ w: el.videoWidth, d: el.duration }),
              { once: true },
            );
        }),
    );
    expect(loaded.w).toBeGreaterThan(0);
    expect(loaded.d).toBeGreaterThan(2);
    await page.getByTestId("preview-play").click();
    await expect(page.getByTestId("timeline-ruler")).not.toHaveAttribute("aria-valuenow", "0", {
      timeout: 10_000,
    });
    await page.screenshot({ path: info.outputPath("rendered-preview.png") });
  });
});
