import { expect, test } from "@playwright/test";
import { makeClip } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";
import { TimelinePage } from "./pages/timeline-page";

test.use({ viewport: { width: 1440, height: 900 } });

// The export panel and the live preview follow the draft's frame: "make it vertical"
// selects the Shorts preset and the preview shows the blurred fill the render will have;
// picking a landscape preset reframes the timeline back, with a note saying so.
test("vertical selects Shorts and a blurred-fill preview; picking YouTube reframes with a note", async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  const clip = makeClip({ seconds: 3, width: 640, height: 360, name: "wide.mp4" });
  const studio = new StudioPage(page);
  const tl = new TimelinePage(page);
  await studio.openWith([clip]);
  await studio.sendMessage("make it vertical with a blurred background");
  await studio.waitForReply();
  await expect.poll(async () => (await tl.draft()).m.aspect).toBe("9:16");
  await expect(page.getByTestId("preset-shorts")).toBeChecked();
  const video = page.getByTestId("preview-video");
  if ((await studio.player().getAttribute("data-mode")) === "timeline") {
    await expect(video).toHaveAttribute("data-fit", (await tl.draft()).m.fit);
  }
  await page.screenshot({ path: info.outputPath("vertical.png") });

  await studio.choosePreset("youtube");
  await expect(page.getByTestId("export-reframe-note")).toContainText("from 9:16 to 16:9");
  await expect.poll(async () => (await tl.draft()).m.aspect).toBe("16:9");
  await expect(page.getByTestId("preset-youtube")).toBeChecked();
  await studio.undoButton().click();
  await expect.poll(async () => (await tl.draft()).m.aspect).toBe("9:16");
  await expect(page.getByTestId("preset-shorts")).toBeChecked();
});
