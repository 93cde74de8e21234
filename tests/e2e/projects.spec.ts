import { expect, test } from "@playwright/test";
import { makeClip } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

test.use({ viewport: { width: 1440, height: 900 } });

test("start a new project and return to the earlier one with its media", async ({ page }, info) => {
  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();
  await studio.chooseFiles([makeClip({ seconds: 2, name: "first-project.mp4" })]);
  await studio.expectMediaCount(1);

  await studio.newProject();
  await studio.expectMediaCount(0);
  await expect(page.getByTestId("timeline-empty")).toBeVisible();

  await page.getByTestId("projects-menu").click();
  await expect(studio.projectItems()).toHaveCount(2);
  await page.screenshot({ path: info.outputPath("projects-menu.png") });
  // The earlier project is the one not open now.
  await studio.projectItems().and(page.locator(":not([aria-current])")).first().click();
  await studio.expectMediaCount(1);
  await expect(studio.mediaItems().first()).toContainText("first-project.mp4");

  // A reload opens the project that was open last.
  await page.reload();
  await studio.expectReady();
  await studio.expectMediaCount(1);
});
