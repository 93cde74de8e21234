import { expect, test } from "@playwright/test";
import type { TextSegment } from "@/lib/draft/schema";
import { makeClip } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";
import { TimelinePage } from "./pages/timeline-page";

test.use({ viewport: { width: 1440, height: 900 } });

// Pick a title's place on the preview: a click where it should go, with the mouse or the
// keyboard; the draft on the server changes (one undoable edit) and the preview follows.

test("place a title by clicking on the preview, then by keyboard; undo puts it back", async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([makeClip({ seconds: 4, name: "place-title.mp4" })]);
  await studio.addAllToTimeline();
  await expect(tl.clips()).toHaveCount(1);
  await studio.sendMessage('add a title "Hello there" at the start');
  await studio.waitForReply();
  const title = async () =>
    (await tl.draft()).t
      .filter((t) => t.tt === 7)
      .flatMap((t) => t.sg as TextSegment[])
      .find((s) => s.kind === "title");
  await expect.poll(async () => (await title())?.text).toBe("Hello there");
  const before = (await title())!.position;
  expect(before).not.toBe("bottom-right");

  // Mouse: turn placing on, click in the frame's lower-right third.
  await page.getByTestId("place-title").click();
  const zones = page.getByTestId("place-zones");
  await expect(zones).toBeVisible();
  await page.screenshot({ path: info.outputPath("placing.png") });
  const box = (await zones.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.88);
  await expect(zones).toBeHidden();
  await expect.poll(async () => (await title())?.position).toBe("bottom-right");
  // The live preview draws it there (right-aligned, in the lower part of the frame).
  const frame = (await page
    .getByTestId("preview-player")
    .locator("[data-testid=caption-overlay]")
    .boundingBox())!;
  const shown = (await page.getByTestId("caption-overlay").getByText("Hello there").boundingBox())!;
  expect(shown.x + shown.width).toBeGreaterThan(frame.x + frame.width * 0.66);
  expect(shown.y).toBeGreaterThan(frame.y + frame.height * 0.5);
  await page.screenshot({ path: info.outputPath("placed.png") });

  // Keyboard: the button and the zones are ordinary buttons.
  await page.getByTestId("place-title").focus();
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Top left" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await title())?.position).toBe("top-left");
  // Escape leaves placing without a change.
  await page.getByTestId("place-title").click();
  await expect(page.getByTestId("place-zones")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("place-zones")).toBeHidden();
  expect((await title())?.position).toBe("top-left");

  // Each placement was one ordinary edit.
  await studio.undoButton().click();
  await expect.poll(async () => (await title())?.position).toBe("bottom-right");
  await studio.undoButton().click();
  await expect.poll(async () => (await title())?.position).toBe(before);
});
