import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { makeClip, makeImage, mediaDir } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

test.use({ viewport: { width: 1440, height: 900 } });

/** The upload routes: resumable (tus, what the studio uses with the local engine) and multipart. */
const UPLOAD_ROUTES = /\/api\/(upload|tus)(\/|$)/;

/** Counts the requests to the upload routes (they still go through). */
async function countUploads(page: Page): Promise<() => number> {
  let n = 0;
  await page.route(UPLOAD_ROUTES, (route) => {
    n++;
    return route.continue();
  });
  return () => n;
}

test.describe("uploads", () => {
  test("two files dropped at once both arrive, each with its own progress", async ({
    page,
  }, info) => {
    const clip = makeClip({ seconds: 2, name: "first-clip.mp4" });
    const image = makeImage("png");
    const studio = new StudioPage(page);
    await studio.open();
    await studio.expectReady();

    // Hold each upload's answer until both rows are on screen, uploading.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(UPLOAD_ROUTES, async (route) => {
      await held;
      await route.continue();
    });
    await studio.dropFiles([clip, image]);
    await expect(studio.uploadItems()).toHaveCount(2);
    await expect(studio.uploadItems().getByRole("progressbar")).toHaveCount(2);
    await page.screenshot({ path: info.outputPath("two-uploading.png") });
    release();
    await expect(studio.uploadItem("first-clip.mp4")).toHaveAttribute("data-status", "done", {
      timeout: 60_000,
    });
    await expect(studio.uploadItems().filter({ hasText: ".png" })).toHaveAttribute(
      "data-status",
      "done",
      { timeout: 60_000 },
    );
    await studio.expectMediaCount(2);
    // The video's poster is made after the answer; the bin picks it up on its own.
    await expect(
      studio.mediaItems().filter({ hasText: "first-clip.mp4" }).getByTestId("media-poster"),
    ).toBeVisible({ timeout: 15_000 });
    // Stored byte for byte (the production server hands the route the socket's stream).
    const listed = (await (await page.request.get("/api/media")).json()) as {
      files: { name: string; hash: string; size: number }[];
    };
    const sha256 = (file: string) =>
      crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    expect(listed.files.find((f) => f.name === "first-clip.mp4")).toMatchObject({
      hash: sha256(clip),
      size: fs.statSync(clip).size,
    });
    expect(listed.files.find((f) => f.name.endsWith(".png"))).toMatchObject({
      hash: sha256(image),
      size: fs.statSync(image).size,
    });
  });

  test("an .exe renamed .mp4 is refused by the server with its sentence", async ({
    page,
  }, info) => {
    const fake = `${mediaDir()}/holiday.mp4`;
    // An ELF/PE-looking header: the name says video, the content does not.
    fs.writeFileSync(
      fake,
      Buffer.concat([
        Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode."),
        Buffer.alloc(4096, 7),
      ]),
    );
    const studio = new StudioPage(page);
    await studio.open();
    await studio.expectReady();
    await studio.dropFiles([fake]);
    const row = studio.uploadItem("holiday.mp4");
    await expect(row).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
    await expect(row.getByTestId("upload-status")).toContainText(/MP4, MOV/);
    await studio.expectMediaCount(0, 5_000);
    await page.screenshot({ path: info.outputPath("refused-exe.png") });
  });

  test("a file type the product does not take is refused before uploading", async ({ page }) => {
    const notes = `${mediaDir()}/notes.txt`;
    fs.writeFileSync(notes, "shopping list");
    const uploads = await countUploads(page);
    const studio = new StudioPage(page);
    await studio.open();
    await studio.expectReady();
    await studio.dropFiles([notes]);
    const row = studio.uploadItem("notes.txt");
    await expect(row).toHaveAttribute("data-status", "refused");
    await expect(row).toContainText(
      ".txt files can't be used. Supported files: videos (MP4, MOV, AVI, WebM, MKV)",
    );
    expect(uploads()).toBe(0);
  });

  test("cancelling an upload stops it and keeps nothing", async ({ page }) => {
    const clip = makeClip({ seconds: 2, name: "cancel-me.mp4" });
    const studio = new StudioPage(page);
    await studio.open();
    await studio.expectReady();
    // Keep the request in flight: the answer never comes until the route is aborted.
    await page.route(UPLOAD_ROUTES, () => new Promise(() => undefined));
    await studio.chooseFiles([clip]);
    const row = studio.uploadItem("cancel-me.mp4");
    await expect(row.getByTestId("upload-cancel")).toBeVisible();
    await row.getByTestId("upload-cancel").click();
    await expect(row).toHaveAttribute("data-status", "cancelled");
    await expect(row.getByTestId("upload-status")).toHaveText("Cancelled");
    await page.unroute(UPLOAD_ROUTES);
    await page.reload();
    await studio.expectReady();
    await studio.expectMediaCount(0, 5_000);
  });

  test("a file over the server's limit is refused before it is sent, and by the server over the real socket", async ({
    page,
  }, info) => {
    // 25 MB under an mp4 name; the server here takes 20 MB (playwright.config.ts).
    const big = `${mediaDir()}/too-big.mp4`;
    fs.writeFileSync(
      big,
      Buffer.concat([
        Buffer.from([0, 0, 0, 0x18]),
        Buffer.from("ftypisom"),
        Buffer.alloc(25 * 1024 * 1024),
      ]),
    );
    const uploads = await countUploads(page);
    const studio = new StudioPage(page);
    await studio.open();
    await studio.expectReady();
    // The page knows the server's limit: it says so, and refuses without sending a byte.
    await expect(page.getByText("up to 20 MB")).toBeVisible();
    await studio.chooseFiles([big]);
    const row = studio.uploadItem("too-big.mp4");
    await expect(row).toHaveAttribute("data-status", "refused");
    await expect(row).toContainText("larger than 20 MB");
    await page.screenshot({ path: info.outputPath("over-limit.png") });
    expect(uploads()).toBe(0);
    await studio.expectMediaCount(0, 5_000);

    // A client that is not a browser (curl, scripts) gets the answer too, not a reset connection.
    const res = await page.request.post("/api/upload", {
      multipart: {
        files: { name: "too-big.mp4", mimeType: "video/mp4", buffer: fs.readFileSync(big) },
      },
    });
    expect(res.status()).toBe(413);
    expect((await res.json()).error).toMatchObject({
      code: 4002,
      message: expect.stringMatching(/Trim it .* or compress it/),
    });
  });
});
