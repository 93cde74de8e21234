import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { mediaDir, probe } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

test.use({ viewport: { width: 1440, height: 900 } });

// A podcaster's story: drop an mp3 (real speech), say "export for YouTube", get a video:
// an audiogram, 1920x1080 H.264 with the sound and a waveform that moves.

/** 5 s of the JFK speech sample as an mp3. */
function podcast(): string {
  const file = path.join(mediaDir(), "podcast-episode.mp3");
  execFileSync("ffmpeg", [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-t",
    "5",
    "-i",
    path.resolve(__dirname, "../../../shared/media/jfk.wav"),
    "-c:a",
    "libmp3lame",
    file,
  ]);
  return file;
}

/** Grey pixels of the middle band of the frame (where the waveform is) at `t` seconds. */
function band(file: string, t: number): Buffer {
  return execFileSync("ffmpeg", [
    "-v",
    "error",
    "-ss",
    String(t),
    "-i",
    file,
    "-frames:v",
    "1",
    "-vf",
    "crop=1536:302:192:444,format=gray",
    "-f",
    "rawvideo",
    "-",
  ]);
}

test('an mp3 alone and "export for YouTube" gives an audiogram video', async ({ page }, info) => {
  test.setTimeout(400_000);
  const studio = new StudioPage(page);
  await studio.openWith([podcast()]);
  await studio.sendMessage("export for YouTube");
  const reply = await studio.waitForReply(300_000);
  await expect(reply).not.toContainText("Add a clip first");
  await expect(reply).toContainText("audiogram");
  await expect(studio.segments("video")).toHaveCount(1);
  const item = await studio.waitForExport("completed", 300_000);
  await page.screenshot({ path: info.outputPath("audiogram-studio.png") });

  const file = info.outputPath("audiogram.mp4");
  await (await studio.download(item)).saveAs(file);
  const facts = probe(file);
  expect(facts).toMatchObject({ width: 1920, height: 1080, videoCodec: "h264", audioCodec: "aac" });
  expect(facts.duration).toBeGreaterThan(4.8);
  expect(facts.duration).toBeLessThan(5.3);
  const frames = [0.8, 1.8, 2.8].map((t) => band(file, t));
  for (let i = 1; i < frames.length; i++) {
    let diff = 0;
    for (let j = 0; j < frames[i].length; j++) diff += Math.abs(frames[i][j] - frames[i - 1][j]);
    expect(diff / frames[i].length).toBeGreaterThan(1);
  }
});
