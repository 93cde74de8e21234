import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { makeAudio, makeClip } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

test.use({ viewport: { width: 1440, height: 900 } });

test.describe("media bin", () => {
  test("import a clip from a URL", async ({ page }) => {
    const clip = makeClip({ seconds: 2, name: "from-the-web.mp4" });
    // A local web server stands in for the internet (the e2e server allows private addresses).
    const server = http.createServer((req, res) => {
      res.writeHead(200, { "content-type": "video/mp4", "content-length": fs.statSync(clip).size });
      fs.createReadStream(clip).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/from-the-web.mp4`;
      const studio = new StudioPage(page);
      await studio.open();
      await studio.expectReady();
      await page.getByTestId("url-import-toggle").click();
      await page.getByTestId("url-import-input").fill(url);
      await page.getByTestId("url-import-submit").click();
      await studio.expectMediaCount(1);
      await expect(studio.mediaItems().first()).toContainText("from-the-web.mp4");
    } finally {
      server.close();
    }
  });

  test("a link that is not a web address is refused in the form", async ({ page }) => {
    const studio = new StudioPage(page);
    await studio.open();
    await studio.expectReady();
    await page.getByTestId("url-import-toggle").click();
    await page.getByTestId("url-import-input").fill("file:///etc/passwd");
    await page.getByTestId("url-import-submit").click();
    await expect(page.getByRole("alert").filter({ hasText: "is not a web link" })).toBeVisible();
  });

  test("music goes on an audio track with its waveform; deleting asks first", async ({
    page,
  }, info) => {
    const studio = new StudioPage(page);
    await studio.openWith([makeClip({ seconds: 2, name: "with-music.mp4" }), makeAudio("mp3", 2)]);
    await studio.addAllToTimeline();
    await expect(studio.segments("video")).toHaveCount(1);
    await expect(studio.segments("audio")).toHaveCount(1);
    await expect(studio.tracks("audio").getByTestId("waveform")).toBeVisible();
    await page.screenshot({ path: info.outputPath("music.png") });

    // Off the timeline again, the music can go.
    await studio.undoButton().click();
    await expect(studio.segments("audio")).toHaveCount(0);
    const music = studio.mediaItems().filter({ hasText: ".mp3" });
    await music.getByTestId("media-delete").click();
    await expect(music.getByTestId("media-delete-confirm")).toBeVisible();
    await music.getByTestId("media-delete-confirm").click();
    await studio.expectMediaCount(1);
  });
});
