import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test, type Request } from "@playwright/test";
import { makeClip, probeSeconds } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

// A big take arrives across a dropped connection and a page reload (tus, /api/tus): the
// server keeps every byte it got, the studio carries on from there, the stored file is
// the source byte for byte, and it exports. The server here sends 1 MB per request
// (UPLOAD_CHUNK_MB in playwright.config.ts) so a test can cut in between requests.

test.use({ viewport: { width: 1440, height: 900 } });

const TUS = /\/api\/tus(\/|$)/;
const MB = 1024 * 1024;

test("an upload resumes after a dropped connection and a page reload, arrives byte for byte, and exports", async ({
  page,
}, info) => {
  const clip = makeClip({ seconds: 8, width: 1280, height: 720, name: "long-take.mp4" });
  const size = fs.statSync(clip).size;
  expect(size).toBeGreaterThan(3 * MB); // at least four requests of 1 MB
  const sha256 = crypto.createHash("sha256").update(fs.readFileSync(clip)).digest("hex");

  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();

  // Part one: the second request's connection drops (the client retries from what the
  // server has); the fourth never gets an answer, and the page is reloaded meanwhile.
  let patches = 0;
  let dropped = false;
  await page.route(TUS, async (route) => {
    if (route.request().method() !== "PATCH") return route.continue();
    patches++;
    if (patches === 2) {
      dropped = true;
      return route.abort("connectionreset");
    }
    if (patches >= 4) return new Promise(() => undefined);
    return route.continue();
  });
  await studio.chooseFiles([clip]);
  const row = studio.uploadItem("long-take.mp4");
  await expect.poll(() => patches, { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
  expect(dropped).toBe(true);
  await expect(row).toHaveAttribute("data-status", "uploading");
  await page.screenshot({ path: info.outputPath("1-stalled.png") });

  await page.unroute(TUS);
  await page.reload();
  await studio.expectReady();
  await studio.expectMediaCount(0, 2_000);

  // Part two: the same file picked again (same name, size, date: same fingerprint) carries on; nothing new is created.
  const after: Request[] = [];
  page.on("request", (r) => {
    if (TUS.test(r.url())) after.push(r);
  });
  await studio.chooseFiles([clip]);
  const resumed = studio.uploadItem("long-take.mp4");
  await expect(resumed).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await page.screenshot({ path: info.outputPath("2-resumed.png") });
  expect(after.filter((r) => r.method() === "POST")).toEqual([]);
  const firstPatch = after.find((r) => r.method() === "PATCH");
  const resumedAt = Number(firstPatch?.headers()["upload-offset"]);
  expect(resumedAt).toBeGreaterThanOrEqual(2 * MB);
  expect(resumedAt).toBeLessThan(size);
  expect(Number(await resumed.getAttribute("data-resumed-from"))).toBe(resumedAt);

  // Byte for byte: the server's sha256 of what it stored against the source's.
  await studio.expectMediaCount(1);
  const listed = (await (await page.request.get("/api/media")).json()) as {
    files: { name: string; hash: string; size: number }[];
  };
  expect(listed.files).toEqual([
    expect.objectContaining({ name: "long-take.mp4", size, hash: sha256 }),
  ]);

  // And it is a clip like any other: on the timeline and out as an MP4.
  await studio.addAllToTimeline();
  await expect(studio.segments("video")).toHaveCount(1);
  await studio.startExport();
  await studio.waitForExport("completed", 300_000);
  const download = await studio.download();
  const out = info.outputPath("export.mp4");
  await download.saveAs(out);
  expect(Math.abs(probeSeconds(out) - probeSeconds(clip))).toBeLessThan(0.5);
});
