import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { makeAudio, makeImage } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";
import { TimelinePage } from "./pages/timeline-page";

test.use({ viewport: { width: 1440, height: 900 } });

// An audio story's background picked by hand: a colour, then an uploaded photo; each pick
// is one undoable edit, and the export draws what was picked.

/** RGB of one pixel of a video's frame at `t` seconds. */
function pixel(file: string, t: number, x: number, y: number): number[] {
  const raw = execFileSync("ffmpeg", [
    "-v",
    "error",
    "-ss",
    String(t),
    "-i",
    file,
    "-frames:v",
    "1",
    "-vf",
    `format=rgb24,crop=1:1:${x}:${y}`,
    "-f",
    "rawvideo",
    "-pix_fmt",
    "rgb24",
    "-",
  ]);
  return [...raw];
}

test("pick the audiogram's background: a colour, an uploaded photo, undo; the export shows the colour", async ({
  page,
}, info) => {
  test.setTimeout(400_000);
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([makeAudio("mp3", 3)]);
  await expect(page.getByTestId("audiogram-background")).toHaveCount(0);
  await studio.sendMessage("export for YouTube");
  await studio.waitForReply(300_000);
  const firstExport = await (
    await studio.waitForExport("completed", 300_000)
  ).getAttribute("data-export-id");
  const background = async () =>
    ((await tl.draft()).m as { audiogram?: { background: unknown } }).audiogram?.background;
  await expect.poll(background).toEqual({ color: "#1f1b4d" });

  const picker = page.getByTestId("audiogram-background");
  await expect(picker).toBeVisible();
  // A colour: the picker's value is sent when it closes.
  await picker.getByTestId("audiogram-color").fill("#c03030");
  await expect.poll(background).toEqual({ color: "#c03030" });

  // An uploaded photo: upload from the picker, then pick it (with the keyboard).
  await studio.chooseFiles([makeImage("png", 320, 240)]);
  await studio.expectMediaCount(2);
  const photo = picker.getByTestId("audiogram-bg-media");
  await expect(photo).toHaveCount(1);
  await photo.focus();
  await page.keyboard.press("Space");
  const photoId = await photo.getAttribute("data-media-id");
  await expect.poll(background).toEqual({ src: photoId });
  await expect(photo).toBeChecked();
  await page.screenshot({ path: info.outputPath("picker.png") });

  // Undo: back to the colour, and the export is drawn on it.
  await studio.undoButton().click();
  await expect.poll(background).toEqual({ color: "#c03030" });
  await expect(picker.getByTestId("audiogram-bg-color")).toBeChecked();
  await studio.startExport("youtube");
  const item = studio.exportItems().first();
  await expect(item).not.toHaveAttribute("data-export-id", firstExport!);
  await expect(item).toHaveAttribute("data-status", "completed", { timeout: 300_000 });
  const file = info.outputPath("red.mp4");
  await (await studio.download(item)).saveAs(file);
  const [r, g, b] = pixel(file, 1, 40, 1040);
  expect(Math.abs(r - 0xc0)).toBeLessThan(24);
  expect(Math.abs(g - 0x30)).toBeLessThan(24);
  expect(Math.abs(b - 0x30)).toBeLessThan(24);
});
