import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { makeClip, makeColorClip, probeSeconds, samplePixel } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";
import { TimelinePage } from "./pages/timeline-page";

test.use({ viewport: { width: 1440, height: 900 } });

// The gestures of timeline-gestures.spec.ts done the other way: trims and moves by
// keyboard, deletes with the toolbar's button; checked on the draft and on the export.

async function exportFile(studio: StudioPage, name: string): Promise<string> {
  await studio.startExport("youtube");
  const item = await studio.waitForExport("completed");
  const file = test.info().outputPath(name);
  await (await studio.download(item)).saveAs(file);
  expect(fs.statSync(file).size).toBeGreaterThan(1000);
  return file;
}

test("[ trims the start to the playhead and ] the end, by keyboard: the export is that much shorter", async ({
  page,
}, info) => {
  test.setTimeout(240_000);
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([makeClip({ seconds: 6, name: "key-trim.mp4" })]);
  await studio.addAllToTimeline();
  await expect(tl.clips()).toHaveCount(1);
  await tl.playheadTo(2);
  await page.keyboard.press("[");
  await expect
    .poll(async () => (await tl.mainClips()).map((c) => [c.in, c.d]))
    .toEqual([[2000, 4000]]);
  // The clip now plays 0:02-0:06 of its source; 3 s into the timeline, ] ends it there.
  await tl.playheadTo(3);
  await page.keyboard.press("]");
  await expect
    .poll(async () => (await tl.mainClips()).map((c) => [c.in, c.out]))
    .toEqual([[2000, 5000]]);
  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts-help")).toContainText("start / end to the playhead");
  await page.screenshot({ path: info.outputPath("keys.png") });
  await page.keyboard.press("Escape");

  const file = await exportFile(studio, "key-trimmed.mp4");
  expect(Math.abs(probeSeconds(file) - 3)).toBeLessThan(0.25);
});

test("select a clip with the keyboard, Alt+Right moves it after the next: the export starts with the other clip", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([makeColorClip("red", 2), makeColorClip("blue", 2)]);
  await studio.addAllToTimeline();
  await expect(tl.clips()).toHaveCount(2);
  const names = async () =>
    (await tl.mainClips()).map((c) => String((c as { name?: string }).name));
  // The two uploads race: whichever arrived first is first on the timeline.
  const before = await names();
  expect([...before].sort()).toEqual(["color-blue-2.mp4", "color-red-2.mp4"]);

  await tl.clips().first().focus();
  await page.keyboard.press("Enter");
  await expect(tl.clips().first()).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Alt+ArrowRight");
  await expect.poll(names).toEqual([...before].reverse());

  const file = await exportFile(studio, "key-reordered.mp4");
  // The clip that was second comes first (RGB channel: blue 2, red 0).
  const [first, second] = before[1] === "color-blue-2.mp4" ? [2, 0] : [0, 2];
  const start = samplePixel(file, 0, 960, 540);
  expect(start[first]).toBeGreaterThan(150);
  expect(start[second]).toBeLessThan(100);
  // Undo puts them back (the move was one edit).
  await studio.undoButton().click();
  await expect.poll(names).toEqual(before);
});

test("split with the button, click the second part, delete it with the toolbar's Delete: the export keeps the first", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([makeClip({ seconds: 5, name: "mouse-split.mp4" })]);
  await studio.addAllToTimeline();
  await expect(tl.clips()).toHaveCount(1);
  await tl.playheadTo(3);
  await page.getByTestId("split").click();
  await expect(tl.clips()).toHaveCount(2);
  await tl.clips().nth(1).click();
  await page.getByTestId("delete-selection").click();
  await expect
    .poll(async () => (await tl.mainClips()).map((c) => [c.in, c.out]))
    .toEqual([[0, 3000]]);

  const file = await exportFile(studio, "mouse-split.mp4");
  expect(Math.abs(probeSeconds(file) - 3)).toBeLessThan(0.25);
});

test("a title block by keyboard: select it, Alt+Right moves it a second, ] ends it at the playhead", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([makeClip({ seconds: 6, name: "key-title.mp4" })]);
  await studio.addAllToTimeline();
  await studio.sendMessage('add a title "Keys only" at the start');
  await studio.waitForReply();
  await expect(tl.textBlocks()).toHaveCount(1);
  const title = async () =>
    (await tl.draft()).t.filter((t) => t.tt === 7).flatMap((t) => t.sg)[0] as {
      st: number;
      d: number;
    };
  const before = await title();

  await tl.textBlocks().first().focus();
  await page.keyboard.press("Enter");
  await expect(tl.textBlocks().first()).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Alt+ArrowRight");
  await expect.poll(async () => (await title()).st).toBe(before.st + 1000);
  // Put the playhead at 0:05 with the keyboard, then ] ends the (still selected) block there.
  await page.keyboard.press("Home");
  for (let i = 0; i < 5; i++) await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("]");
  await expect
    .poll(async () => {
      const t = await title();
      return t.st + t.d;
    })
    .toBe(5000);
});
