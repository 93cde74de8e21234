import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeMedia } from "@/tests/support/engine/ops-testing";
import { ENERGY_FLOOR_DB, energyPcmArgs, measureEnergy } from "./audio-energy";

// The loudness envelope from a real decode: silence, a tone, silence.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-energy-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function toneClip(): string {
  const file = path.join(dir, "tone.wav");
  execFileSync("ffmpeg", [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    "aevalsrc='if(between(t,0.5,1),0.5*sin(2*PI*440*t),0)':s=48000:d=1.5",
    file,
  ]);
  return file;
}

describe("measureEnergy", () => {
  it("builds 16 kHz mono raw PCM arguments (no shell, first audio stream)", () => {
    expect(energyPcmArgs("/in.mp4", "/out.pcm")).toEqual(
      expect.arrayContaining(["-map", "0:a:0", "-ar", "16000", "-ac", "1", "-f", "s16le"]),
    );
  });

  it("reads -inf as the floor in silence and the tone's RMS where it plays; the second read comes from the cache", async () => {
    const media = { ...fakeMedia("tone", "audio", 1500), path: toneClip() };
    const cacheDir = path.join(dir, "cache");
    const energy = await measureEnergy(media, { cacheDir });
    expect(energy?.hopMs).toBe(5);
    expect(energy!.db.length).toBe(300);
    expect(energy!.db[50]).toBe(ENERGY_FLOOR_DB);
    // 0.5 amplitude sine: RMS 0.354 = -9 dBFS.
    expect(energy!.db[150]).toBeGreaterThan(-10);
    expect(energy!.db[150]).toBeLessThan(-8);
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith(".energy"))).toHaveLength(1);
    const again = await measureEnergy({ ...media, path: "/nonexistent" }, { cacheDir });
    expect(Array.from(again!.db)).toEqual(Array.from(energy!.db));
  });

  it("has nothing to measure for a clip without sound", async () => {
    expect(await measureEnergy(fakeMedia("pic", "image", 0))).toBeNull();
  });
});
