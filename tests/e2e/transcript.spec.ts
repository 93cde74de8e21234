import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { makeSpeechClip, probeSeconds } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

// Edit by transcript: drop a speech clip, open the transcript, select three words and
// press Delete: the timeline, the preview and the export are shorter by that span; undo
// restores it; a corrected word reaches the exported .srt.

test.use({ viewport: { width: 1440, height: 900 } });

async function draftLength(page: Page): Promise<number> {
  const res = await page.request.get("/api/state");
  return ((await res.json()) as { draft: { d: number } }).draft.d;
}

async function videoSeconds(page: Page): Promise<number> {
  return page.getByTestId("preview-video").evaluate(
    (el: HTMLVideoElement) =>
      new Promise<number>((resolve) => {
        if (el.readyState >= 1) resolve(el.duration);
        else el.addEventListener("loadedmetadata", () => resolve(el.duration), { once: true });
      }),
  );
}

test("select three words, Delete cuts them everywhere; undo restores; a correction reaches the .srt", async ({
  page,
}, info) => {
  test.setTimeout(600_000);
  const clip = makeSpeechClip({
    text: "Hello there. Today we will look at a simple example of editing a talk by its words.",
    silenceSeconds: 0.5,
    name: "transcript-talk.mp4",
  });
  const studio = new StudioPage(page);
  await studio.openWith([clip]);
  await studio.addAllToTimeline();
  await expect(studio.segments("video")).toHaveCount(1);

  await page.getByTestId("side-transcript").click();
  const panel = page.getByTestId("transcript-panel");
  await panel.getByTestId("transcribe").click();
  const kept = panel.locator('[data-testid="transcript-word"]:not([data-cut])');
  await expect.poll(() => kept.count(), { timeout: 180_000 }).toBeGreaterThan(6);
  // The whisper model cannot be fetched here (offline; the e2e server points it at a dead
  // port), so pocketsphinx heard the words, and the panel says so and what that means.
  await expect(panel.getByTestId("transcript-engine")).toContainText(
    /Recognised offline by pocketsphinx \(en-us\): English only/,
  );
  await page.screenshot({ path: info.outputPath("transcript.png") });

  // The panel speaks Chinese when the interface does.
  await page.getByTestId("language-switch").selectOption("zh");
  await expect(panel.getByRole("heading", { name: "文字稿" })).toBeVisible();
  await expect(panel.getByTestId("transcript-engine")).toContainText(
    "由 pocketsphinx (en-us) 离线识别",
  );
  await page.screenshot({ path: info.outputPath("transcript-zh.png") });
  await page.getByTestId("language-switch").selectOption("en");

  // Clicking a word seeks the player there.
  await kept.nth(4).click();
  await expect(page.getByTestId("timeline-ruler")).not.toHaveAttribute("aria-valuenow", "0");

  // Select words 2-4 (click, Shift+click) and read their span from the server's view.
  const view = (await (await page.request.get("/api/transcript")).json()) as {
    tokens: { type: string; s: number | null; e: number | null; text?: string }[];
  };
  const words = view.tokens.filter((t) => t.type === "word" && t.s !== null);
  const span = words[4].e! - words[2].s!;
  const before = await draftLength(page);
  await kept.nth(2).click();
  await kept.nth(4).click({ modifiers: ["Shift"] });
  await expect(panel.locator('[data-testid="transcript-word"][data-selected]')).toHaveCount(3);
  await page.keyboard.press("Delete");

  await expect(panel.getByTestId("cut-run")).toHaveCount(1);
  await expect(panel.getByTestId("cut-run").getByTestId("transcript-word")).toHaveCount(3);
  const after = await draftLength(page);
  // The span of the words goes, plus part of the pauses around them (at most 250 ms a side, snapped).
  expect(before - after).toBeGreaterThanOrEqual(span - 60);
  expect(before - after).toBeLessThanOrEqual(span + 700);
  await page.screenshot({ path: info.outputPath("after-delete.png") });

  // The rendered preview is as short as the timeline.
  await expect(studio.player()).toHaveAttribute("data-mode", "rendered", { timeout: 180_000 });
  expect(Math.abs((await videoSeconds(page)) - after / 1000)).toBeLessThan(0.15);

  // The export too.
  await studio.showPanel("export");
  await studio.startExport("720p");
  const item = await studio.waitForExport("completed");
  const mp4 = info.outputPath("cut.mp4");
  await (await studio.download(item)).saveAs(mp4);
  expect(Math.abs(probeSeconds(mp4) - after / 1000)).toBeLessThan(0.15);

  // Undo brings the words back.
  await studio.undoButton().click();
  await expect(panel.getByTestId("cut-run")).toHaveCount(0);
  expect(await draftLength(page)).toBe(before);

  // Correct a misheard word by double-clicking it, then caption and export: the .srt has it.
  await kept.nth(1).dblclick();
  await panel.getByTestId("correct-input").fill("Kubernetes");
  await panel.getByTestId("correct-save").click();
  await expect(panel.locator('[data-testid="transcript-word"][data-corrected]')).toHaveText([
    "Kubernetes",
  ]);
  await page.screenshot({ path: info.outputPath("corrected.png") });
  await page.getByTestId("side-chat").click();
  await studio.sendMessage("add captions");
  const reply = await studio.waitForReply(180_000);
  // The reply says plainly that the better engine could not be fetched and who stood in.
  await expect(reply).toContainText(
    /may be offline.*pocketsphinx \(en-us\) made these captions instead/,
  );
  await expect(studio.segments("text").first()).toBeVisible();
  // The captions track names the engine that heard them.
  await expect(page.locator('[title="Captions recognised by pocketsphinx (en-us)"]')).toHaveCount(
    1,
  );
  await studio.showPanel("export");
  await studio.startExport("720p");
  const second = studio.exportItems().first();
  await expect(second).toHaveAttribute("data-status", "completed", { timeout: 300_000 });
  const srtUrl = await second.getByTestId("export-download-srt").getAttribute("href");
  const srt = await (await page.request.get(srtUrl!)).text();
  expect(srt).toContain("Kubernetes");
  fs.writeFileSync(info.outputPath("captions.srt"), srt);
});
