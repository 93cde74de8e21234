import { expect, test } from "@playwright/test";
import { makeClip } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

// Issue 14 in the studio: withdraw a share link (it answers 404 at once), delete an
// export, delete a project.
test.use({ viewport: { width: 1440, height: 900 } });

test("stop sharing an export, delete it, and delete a project", async ({ page, request }, info) => {
  const studio = new StudioPage(page);
  await studio.openWith([makeClip({ seconds: 2, name: "public-limits.mp4" })]);
  await studio.addAllToTimeline();
  await studio.startExport();
  const item = await studio.waitForExport("completed");
  const shareUrl = await studio.shareUrl(item);
  const shareId = shareUrl.split("/s/")[1];
  expect((await request.get(`/api/share/${shareId}/video`)).status()).toBe(200);
  await page
    .getByTestId("export-panel")
    .screenshot({ path: info.outputPath("1-export-with-share.png") });

  await item.getByTestId("export-stop-sharing").click();
  await expect(item.getByTestId("export-copy-share")).toHaveCount(0);
  expect((await request.get(`/api/share/${shareId}/video`)).status()).toBe(404);
  await page
    .getByTestId("export-panel")
    .screenshot({ path: info.outputPath("2-share-withdrawn.png") });

  await item.getByTestId("export-delete").click();
  await expect(studio.exportItems()).toHaveCount(0);

  // A second project, then delete the first one from the menu.
  await studio.newProject();
  await studio.expectMediaCount(0);
  await page.getByTestId("projects-menu").click();
  await expect(studio.projectItems()).toHaveCount(2);
  await page.screenshot({ path: info.outputPath("3-projects-menu.png") });
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("project-delete").last().click();
  await expect(studio.projectItems()).toHaveCount(1);
});
