import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { keepOwn } from "./decode-in-pieces";
import { planChunks, quietestNear, readWavInfo, wavHeader, writeWavRange } from "./wav-chunks";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-wav-chunks-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** 16 kHz mono s16 WAV from sample values. */
function wav(name: string, samples: Int16Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    Buffer.concat([wavHeader(samples.length * 2, 16_000), Buffer.from(samples.buffer)]),
  );
  return file;
}

/** A tone with silent gaps at the given [fromMs, toMs) spans. */
function toneWithGaps(totalMs: number, gaps: [number, number][]): Int16Array {
  const out = new Int16Array((totalMs * 16_000) / 1000);
  for (let i = 0; i < out.length; i++) {
    const ms = (i / 16_000) * 1000;
    const silent = gaps.some(([a, b]) => ms >= a && ms < b);
    out[i] = silent ? 0 : Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16_000));
  }
  return out;
}

describe("readWavInfo", () => {
  it("finds the samples after ffmpeg's LIST chunk and measures the duration", async () => {
    const file = path.join(dir, "ffmpeg.wav");
    execFileSync("ffmpeg", [
      "-hide_banner",
      "-loglevel",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=300:duration=2.5",
      "-ac",
      "1",
      "-ar",
      "16000",
      "-c:a",
      "pcm_s16le",
      file,
    ]);
    const info = await readWavInfo(file);
    expect(info.sampleRate).toBe(16_000);
    expect(info.durationMs).toBeCloseTo(2500, -1);
    expect(info.dataOffset + info.dataBytes).toBe(fs.statSync(file).size);
    expect(fs.readFileSync(file).toString("latin1", info.dataOffset - 8, info.dataOffset - 4)).toBe(
      "data",
    );
  });

  it("refuses a file that is not a WAV", async () => {
    const file = path.join(dir, "not.wav");
    fs.writeFileSync(file, "hello, this is text");
    await expect(readWavInfo(file)).rejects.toThrow(/not a WAV/);
  });
});

describe("quietestNear", () => {
  it("moves a cut into the nearby pause, not into the tone", async () => {
    const file = wav(
      "gaps.wav",
      toneWithGaps(10_000, [
        [3_200, 3_800],
        [7_000, 7_100],
      ]),
    );
    const info = await readWavInfo(file);
    const at = await quietestNear(file, info, 4_500, 2_000);
    expect(at).toBeGreaterThanOrEqual(3_350);
    expect(at).toBeLessThanOrEqual(3_650);
  });

  it("of equally quiet moments, picks the one nearest the nominal cut", async () => {
    const file = wav("silence.wav", new Int16Array(16_000 * 4));
    const info = await readWavInfo(file);
    expect(await quietestNear(file, info, 2_000, 1_000)).toBe(2_000);
  });
});

describe("planChunks", () => {
  it("cuts in the pauses, covers the whole file once, and reads context either side", async () => {
    const file = wav(
      "plan.wav",
      toneWithGaps(30_000, [
        [9_500, 10_300],
        [19_400, 20_200],
      ]),
    );
    const info = await readWavInfo(file);
    const plan = await planChunks(file, info, 10_000, 2_000);
    expect(plan).toHaveLength(3);
    expect(plan[0].keepFrom).toBe(0);
    expect(plan[1].keepFrom).toBeGreaterThan(9_500);
    expect(plan[1].keepFrom).toBeLessThan(10_300);
    expect(plan[2].keepFrom).toBeGreaterThan(19_400);
    expect(plan[2].keepFrom).toBeLessThan(20_200);
    for (let k = 1; k < plan.length; k++) expect(plan[k].keepFrom).toBe(plan[k - 1].keepTo);
    expect(plan[2].keepTo).toBe(Number.POSITIVE_INFINITY);
    expect(plan[1].readFrom).toBe(plan[1].keepFrom - 2_000);
    expect(plan[1].readTo).toBe(plan[1].keepTo + 2_000);
    expect(plan[2].readTo).toBeCloseTo(30_000, 0);
  });
});

describe("writeWavRange", () => {
  it("copies exactly the samples of the range under a valid header", async () => {
    const samples = new Int16Array(16_000 * 2).map((_, i) => i % 30_000);
    const file = wav("range.wav", samples);
    const info = await readWavInfo(file);
    const out = path.join(dir, "piece.wav");
    await writeWavRange(file, info, 500, 1_250, out);
    const piece = await readWavInfo(out);
    expect(piece.durationMs).toBe(750);
    const got = fs.readFileSync(out).subarray(44);
    const want = Buffer.from(samples.buffer, 8_000 * 2, 12_000 * 2);
    expect(got.length).toBe(want.length);
    expect(got.equals(want)).toBe(true);
  });
});

describe("keepOwn", () => {
  it("moves a piece's words to the file's time and keeps those whose middle is inside the piece", () => {
    const words = [
      { w: "before", s: 100, e: 900 }, // middle 500 + 10_000: context before the piece
      { w: "straddles", s: 1_900, e: 2_300 }, // middle 2_100 + 10_000 = 12_100: kept
      { w: "inside", s: 3_000, e: 3_400 },
      { w: "after", s: 9_000, e: 9_500 }, // middle 19_250: the next piece's
    ];
    expect(keepOwn(words, 10_000, 12_000, 19_000)).toEqual([
      { w: "straddles", s: 11_900, e: 12_300 },
      { w: "inside", s: 13_000, e: 13_400 },
    ]);
  });
});
