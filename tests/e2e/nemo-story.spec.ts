import { expect, test } from "@playwright/test";
import { makeClip, probe } from "../support/make-media";
import { playShareLink } from "./pages/share-link";
import { StudioPage } from "./pages/studio-page";

// The studio's main story with BACKEND=nemo against the fake NemoVideo server
// (playwright.nemo.config.ts starts both). The default Playwright run (local engine)
// also loads this file: its tests are registered only under the nemo config.
const control = process.env.E2E_NEMO_CONTROL;

async function scriptFake(body: unknown): Promise<void> {
  const res = await fetch(control!, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

if (process.env.VSO_E2E_BACKEND === "nemo" && control) {
  test("nemo: drop a clip, ask for an edit, export through the cloud, download and share", async ({
    page,
    browser,
  }, info) => {
    test.setTimeout(300_000);
    const clip = makeClip({ seconds: 3, width: 320, height: 240, name: "nemo-talk.mp4" });
    const shot = (name: string) =>
      page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
    const studio = new StudioPage(page);

    await studio.open();
    await studio.expectReady();
    await expect(studio.backendBadge()).toHaveText("NemoVideo cloud");
    await expect(studio.creditsBadge()).toContainText("100");
    await shot("1-open");

    await studio.dropFiles([clip]);
    await expect(studio.uploadItem("nemo-talk.mp4")).toHaveAttribute("data-status", "done", {
      timeout: 60_000,
    });
    await studio.expectMediaCount(1);
    await studio.addAllToTimeline();
    await expect(studio.segments("video")).toHaveCount(1, { timeout: 30_000 });
    await shot("2-on-timeline");

    // Spoken turn in NemoVideo's own event shape; its "Click Export" becomes our export.
    await scriptFake({ turn: { shape: "nemo", chunkDelayMs: 30 } });
    await studio.sendMessage("trim the intro, add captions, and export for YouTube");
    const reply = await studio.waitForReply(120_000);
    await expect(reply).toContainText("I trimmed the intro, added captions.");
    await expect(reply).toContainText("starting the export for you");
    await expect(reply).not.toContainText("Click Export");
    await expect(studio.tracks("text")).toHaveCount(1);
    await expect(studio.timelineSummary()).toContainText("Captions");
    const item = studio.exportItems().first();
    await expect(item).toBeVisible();
    await studio.waitForExport("completed", 120_000);
    await shot("3-exported");

    const download = await studio.download(item);
    const file = info.outputPath("nemo-export.mp4");
    await download.saveAs(file);
    expect(probe(file)).toMatchObject({ videoCodec: "h264", width: 320, height: 240 });

    // A silent ADK turn: the studio still says what changed.
    await scriptFake({ turn: { shape: "adk", silent: true } });
    await studio.sendMessage("make the captions bigger");
    await expect(await studio.waitForReply(120_000)).toContainText(
      "Done: made the captions bigger.",
    );
    await shot("4-silent-turn");

    // The share link plays without the cookie.
    const shareUrl = await studio.shareUrl(item);
    const played = await playShareLink(browser, shareUrl, 1000);
    expect(played).toMatchObject({ error: null, width: 320 });
    expect(played.time).toBeGreaterThan(0.2);

    // A free plan that cannot export gets the plan sentence, not a credits message.
    await scriptFake({ fail: { kind: "402", match: "/api/render/proxy/lambda" } });
    await studio.startExport();
    await expect(page.getByTestId("export-start-error")).toHaveText(
      "Register or upgrade your plan to unlock export.",
    );
    await shot("5-plan-required");
  });
}
