import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { makeClip, makeColorClip, probeSeconds, samplePixel } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";
import { TimelinePage } from "./pages/timeline-page";

test.use({ viewport: { width: 1440, height: 900 } });

// Hands on the timeline: each gesture with the mouse or the keyboard on a real clip,
// then the draft on the server and the exported file's duration or first frame.

async function exportFile(studio: StudioPage, name: string): Promise<string> {
  await studio.startExport("youtube");
  const item = await studio.waitForExport("completed");
  const download = await studio.download(item);
  const file = test.info().outputPath(name);
  await download.saveAs(file);
  expect(fs.statSync(file).size).toBeGreaterThan(1000);
  return file;
}

test("drag the left edge 2 s in (snapping to the playhead): the export is 2 s shorter", async ({
  page,
}, info) => {
  test.setTimeout(240_000);
  const clip = makeClip({ seconds: 6, name: "trim-me.mp4" });
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([clip]);
  await studio.addAllToTimeline();
  await expect(tl.clips()).toHaveCount(1);
  await tl.playheadTo(2);

  const px = await tl.pxPerMs(tl.clips().first(), 6000);
  // A little short of 2 s: the edge snaps onto the playhead; the read-out shows the in point.
  await tl.dragEdge(tl.clips().first(), "left", 1960 * px, async () => {
    await expect(page.getByTestId("drag-readout")).toContainText("In 0:02.0");
    await expect(page.getByTestId("snap-guide")).toBeVisible();
    await page.screenshot({ path: info.outputPath("dragging-edge.png") });
  });
  await expect
    .poll(async () => (await tl.mainClips()).map((c) => [c.in, c.d]))
    .toEqual([[2000, 4000]]);
  await expect(studio.undoButton()).toBeEnabled();

  const file = await exportFile(studio, "trimmed.mp4");
  expect(Math.abs(probeSeconds(file) - 4)).toBeLessThan(0.25);

  // Undo brings the 2 s back (the gesture was one ordinary edit).
  await studio.undoButton().click();
  await expect.poll(async () => (await tl.mainClips()).map((c) => c.d)).toEqual([6000]);
});

test("split at the playhead with S, select the second half, Delete: the export keeps the first part", async ({
  page,
}, info) => {
  test.setTimeout(240_000);
  const clip = makeClip({ seconds: 6, name: "split-me.mp4" });
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([clip]);
  await studio.addAllToTimeline();
  await expect(tl.clips()).toHaveCount(1);
  await tl.playheadTo(2);
  await page.keyboard.press("s");
  await expect(tl.clips()).toHaveCount(2);
  await tl.clips().nth(1).click();
  await expect(tl.clips().nth(1)).toHaveAttribute("aria-pressed", "true");
  await page.screenshot({ path: info.outputPath("selected.png") });
  await page.keyboard.press("Delete");
  await expect(tl.clips()).toHaveCount(1);
  await expect
    .poll(async () => (await tl.mainClips()).map((c) => [c.in, c.out]))
    .toEqual([[0, 2000]]);

  // The Split button does the same at another playhead position.
  await tl.playheadTo(1);
  await page.getByTestId("split").click();
  await expect(tl.clips()).toHaveCount(2);

  const file = await exportFile(studio, "split.mp4");
  expect(Math.abs(probeSeconds(file) - 2)).toBeLessThan(0.25);
});

test("drag the first clip after the second: the export starts with the other clip", async ({
  page,
}, info) => {
  test.setTimeout(240_000);
  const red = makeColorClip("red", 2);
  const blue = makeColorClip("blue", 2);
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([red, blue]);
  await studio.addAllToTimeline();
  await expect(tl.clips()).toHaveCount(2);
  const names = async () =>
    (await tl.mainClips()).map((c) => String((c as { name?: string }).name));
  // The two uploads race: whichever arrived first is first on the timeline.
  const before = await names();
  expect([...before].sort()).toEqual(["color-blue-2.mp4", "color-red-2.mp4"]);

  const box = (await tl.clips().first().boundingBox())!;
  await tl.drag(box.x + box.width / 2, box.y + box.height / 2, box.width * 1.2, 0, async () => {
    await expect(page.getByTestId("drop-marker")).toBeVisible();
    await page.screenshot({ path: info.outputPath("reordering.png") });
  });
  await expect.poll(names).toEqual([...before].reverse());

  const file = await exportFile(studio, "reordered.mp4");
  // The centre (a 4:3 clip is pillarboxed in 16:9): the clip that was second comes first.
  const [first, second] = before[1] === "color-blue-2.mp4" ? [2, 0] : [0, 2];
  const start = samplePixel(file, 0, 960, 540);
  expect(start[first]).toBeGreaterThan(150);
  expect(start[second]).toBeLessThan(100);
  expect(samplePixel(file, 3, 960, 540)[second]).toBeGreaterThan(150);
});

test("I and O mark a range and Delete removes it; arrows step frames; J/K/L shuttle; ? lists the keys", async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  const clip = makeClip({ seconds: 6, name: "marks.mp4" });
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([clip]);
  await studio.addAllToTimeline();
  await expect(tl.clips()).toHaveCount(1);

  await tl.playheadTo(1);
  await page.keyboard.press("i");
  await tl.playheadTo(3);
  await page.keyboard.press("o");
  await expect(page.getByTestId("marked-range")).toBeVisible();
  await page.keyboard.press("Delete");
  await expect
    .poll(async () => (await tl.mainClips()).map((c) => [c.in, c.out]))
    .toEqual([
      [0, 1000],
      [3000, 6000],
    ]);
  await expect(page.getByTestId("marked-range")).toHaveCount(0);

  // One frame at 25 fps is 40 ms: 25 presses of the right arrow make one second.
  await page.keyboard.press("Home");
  for (let i = 0; i < 25; i++) await page.keyboard.press("ArrowRight");
  await expect(tl.ruler()).toHaveAttribute("aria-valuenow", "1");
  await page.keyboard.press("End");
  await expect(tl.ruler()).toHaveAttribute("aria-valuenow", "4");

  await page.keyboard.press("Home");
  await page.keyboard.press("l");
  await expect(page.getByTestId("preview-play")).toHaveText("Pause");
  await page.keyboard.press("k");
  await expect(page.getByTestId("preview-play")).toHaveText("Play");
  await page.keyboard.press("End");
  await page.keyboard.press("j");
  await expect(tl.ruler()).not.toHaveAttribute("aria-valuenow", "4");
  await page.keyboard.press("k");

  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts-help")).toContainText("Split the clip at the playhead");
  await page.screenshot({ path: info.outputPath("shortcuts.png") });
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-help")).toHaveCount(0);
});

test("a title block: drag it later, stretch its end, double-click to reword it", async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  const clip = makeClip({ seconds: 6, name: "titled.mp4" });
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([clip]);
  await studio.sendMessage('add a title "Hello there" at the start');
  await studio.waitForReply();
  await expect(tl.textBlocks()).toHaveCount(1);
  const title = async () =>
    (await tl.draft()).t.filter((t) => t.tt === 7).flatMap((t) => t.sg)[0] as {
      st: number;
      d: number;
      text: string;
    };
  const before = await title();
  const px = await tl.pxPerMs(tl.textBlocks().first(), before.d);

  const box = (await tl.textBlocks().first().boundingBox())!;
  await tl.drag(box.x + box.width / 2, box.y + box.height / 2, 1000 * px);
  await expect.poll(async () => Math.abs((await title()).st - (before.st + 1000)) < 120).toBe(true);
  const moved = await title();
  expect(moved.d).toBe(before.d);

  await tl.dragEdge(tl.textBlocks().first(), "right", 1000 * px, async () => {
    await expect(page.getByTestId("drag-readout")).toBeVisible();
  });
  await expect.poll(async () => Math.abs((await title()).d - (moved.d + 1000)) < 120).toBe(true);

  await tl.textBlocks().first().dblclick();
  const editor = page.getByTestId("title-editor");
  await expect(editor).toBeFocused();
  await editor.fill("Goodbye now");
  await page.screenshot({ path: info.outputPath("title-editing.png") });
  await editor.press("Enter");
  await expect.poll(async () => (await title()).text).toBe("Goodbye now");
  await expect(tl.textBlocks().first()).toHaveAttribute("aria-label", /Goodbye now/);

  // Selected and deleted; the clip stays as it was.
  await tl.textBlocks().first().click();
  await page.keyboard.press("Delete");
  await expect(tl.textBlocks()).toHaveCount(0);
  expect((await tl.mainClips()).map((c) => c.d)).toEqual([6000]);
});

test("a request sent while the clip is still uploading waits for it, then runs on it", async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  const clip = makeClip({ seconds: 4, name: "arriving.mp4" });
  // Hold the upload a moment so the request surely goes out while it is in flight.
  await page.route("**/api/tus**", async (route) => {
    if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 2500));
    await route.continue();
  });
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.open();
  await studio.expectReady();
  await studio.dropFiles([clip]);
  await studio.sendMessage('add a title "Just arrived" at the start');
  await expect(
    page.getByTestId("chat-step").filter({ hasText: "Waiting for your upload" }),
  ).toBeVisible();
  await page.screenshot({ path: info.outputPath("waiting-for-upload.png") });
  const reply = await studio.waitForReply();
  await expect(
    reply.getByTestId("chat-step").filter({ hasText: "arriving.mp4 arrived" }),
  ).toBeVisible();
  await expect(tl.clips()).toHaveCount(1);
  await expect(tl.textBlocks()).toHaveAttribute("aria-label", /Just arrived/);
});

test("a request waiting for an upload that fails says which file and why", async ({ page }) => {
  const clip = makeClip({ seconds: 2, name: "doomed.mp4" });
  // The studio uploads through tus (/api/tus); a 429 is final for tus-js-client (a 5xx is retried for a minute).
  await page.route("**/api/tus**", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    await new Promise((r) => setTimeout(r, 1500));
    await route.fulfill({
      status: 429,
      contentType: "application/json",
      body: JSON.stringify({
        error: { code: "rate_limited", message: "The server is busy: try again in a minute." },
      }),
    });
  });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();
  await studio.dropFiles([clip]);
  await studio.sendMessage("make it vertical");
  await expect(studio.chatErrors().last()).toContainText('"doomed.mp4" did not upload');
  await expect(studio.chatErrors().last()).toContainText("busy");
});

test.describe("in Simplified Chinese", () => {
  test.use({ locale: "zh-CN" });
  test("the browser's language picks the interface; the switch changes it back", async ({
    page,
  }, info) => {
    const clip = makeClip({ seconds: 3, name: "zh.mp4" });
    const studio = new StudioPage(page);
    await studio.openWith([clip]);
    await studio.addAllToTimeline();
    await expect(page.getByTestId("split")).toContainText("分割");
    await expect(page.getByRole("heading", { name: "时间线" })).toBeVisible();
    await expect(new TimelinePage(page).clips().first()).toHaveAttribute(
      "aria-label",
      /^片段 zh\.mp4/,
    );
    await page.keyboard.press("?");
    await expect(page.getByTestId("shortcuts-help")).toContainText("在播放头处分割片段");
    await page.screenshot({ path: info.outputPath("zh.png") });
    await page.keyboard.press("Escape");
    await page.getByTestId("language-switch").selectOption("en");
    await expect(page.getByTestId("split")).toContainText("Split");
    await page.reload();
    await expect(page.getByTestId("split")).toContainText("Split");
  });
});
