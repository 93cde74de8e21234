import { expect, test } from "@playwright/test";
import { StudioPage } from "./pages/studio-page";

test("connects: Connecting... then Ready, with the token only in an httpOnly cookie", async ({
  page,
  context,
}, info) => {
  // Hold the connect call so the "Connecting..." state is observable.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/api/session", async (route) => {
    await held;
    await route.continue();
  });
  const studio = new StudioPage(page);
  await studio.open();
  await expect(studio.status()).toHaveText("Connecting...");
  release();
  await studio.expectReady();
  await page.screenshot({ path: info.outputPath("ready.png"), fullPage: true });

  await expect(
    studio
      .suggestedPrompts()
      .filter({ hasText: "trim the intro, add captions, and export for YouTube" }),
  ).toHaveCount(1);
  await expect(
    studio
      .suggestedPrompts()
      .filter({ hasText: "edit a 2-minute tutorial recording into a 1080p MP4" }),
  ).toHaveCount(1);
  await expect(studio.creditsBadge()).toContainText("100 credits");

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "vso_session");
  expect(session, "session cookie set").toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(session!.value).not.toContain("vso_usr_");

  const visible = await page.evaluate(() => ({
    cookie: document.cookie,
    local: JSON.stringify({ ...localStorage }),
    sessionStore: JSON.stringify({ ...sessionStorage }),
    html: document.documentElement.outerHTML,
  }));
  expect(visible.cookie).not.toContain("vso_session");
  for (const v of Object.values(visible)) expect(v).not.toMatch(/vso_usr_/);
});
