import { expect, test } from "@playwright/test";
import { makeClip } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

// A phone in dark mode: the layout, and the system colour preference, in one pass.
test.use({
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  colorScheme: "dark",
});

test("works at phone width: one column with panel tabs, nothing wider than the screen", async ({
  page,
}, info) => {
  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();
  await page.screenshot({ path: info.outputPath("phone-edit.png"), fullPage: true });

  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(9, 9, 11)"); // zinc-950: dark mode follows the system

  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  await studio.showPanel("media");
  await expect(page.getByTestId("upload-button")).toBeVisible();
  await studio.chooseFiles([makeClip({ seconds: 2, name: "phone-clip.mp4" })]);
  await studio.expectMediaCount(1);
  await page.screenshot({ path: info.outputPath("phone-media.png"), fullPage: true });

  await studio.showPanel("chat");
  await expect(studio.chatInput()).toBeVisible();
  await expect(studio.suggestedPrompts().first()).toBeVisible();
  await page.screenshot({ path: info.outputPath("phone-chat.png"), fullPage: true });

  await studio.showPanel("export");
  await expect(page.getByTestId("export-start")).toBeVisible();
  await page.screenshot({ path: info.outputPath("phone-export.png"), fullPage: true });
});
