import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env-schema";
import { countingBins, makePngBomb } from "@/tests/support/counting-bin";
import { makeClip } from "@/tests/support/make-media";
import { createEngine } from "../create-engine";
import { engineConfigFromEnv } from "../engine-config";
import { multipart } from "@/tests/support/engine/test-multipart";

// Decompression bombs and parallel decodes (issue 14, finding 5). Before: the bomb's
// header was believed only after ffprobe had decoded the whole picture, and one upload
// of many files started a decoder per file at once.

function engineWith(
  bins: { ffmpegPath: string; ffprobePath: string },
  env: Record<string, string> = {},
) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bombs-"));
  const engine = createEngine(
    engineConfigFromEnv(
      parseEnv({
        DATA_DIR: dataDir,
        TOKEN_RATE_LIMIT: "1000",
        FFMPEG_PATH: bins.ffmpegPath,
        FFPROBE_PATH: bins.ffprobePath,
        ...env,
      }),
    ),
  );
  const token = engine.accounts.issueToken("c", "127.0.0.1");
  return { engine, sessionId: engine.sessions.create(token.tokenId).id };
}

describe("sources over the pixel limit", () => {
  it("refuses a 16000x16000 PNG from its header, before any tool decodes it", async () => {
    const bins = countingBins();
    const { engine, sessionId } = engineWith(bins);
    const bomb = makePngBomb(16000, 16000);
    expect(fs.statSync(bomb).size).toBeLessThan(1024 * 1024);
    const body = multipart([{ name: "photo.png", file: bomb }]);
    const { files, failed } = await engine.media.upload(sessionId, body.stream, body.contentType);
    expect(files).toEqual([]);
    expect(failed[0].error.code).toBe(4001);
    expect(failed[0].error.message).toMatch(/16000x16000 pixels.*Scale it down/);
    expect(bins.log()).toEqual([]); // neither ffprobe nor ffmpeg ran
    expect(fs.readdirSync(path.join(engine.config.dataDir, "media", sessionId))).toEqual([]);
  });
});

describe("the machine-wide process pool", () => {
  it("runs at most FFMPEG_MAX_PROCESSES tools at once while one request sends many files, and every file still arrives", async () => {
    const bins = countingBins();
    const { engine, sessionId } = engineWith(bins, { FFMPEG_MAX_PROCESSES: "2" });
    const clip = makeClip({ seconds: 1, width: 160, height: 120, format: "mkv" });
    const parts = Array.from({ length: 6 }, (_, i) => ({ name: `clip-${i}.mkv`, file: clip }));
    const body = multipart(parts);
    const { files, failed } = await engine.media.upload(sessionId, body.stream, body.contentType);
    await engine.media.idle();
    expect(failed).toEqual([]);
    expect(files).toHaveLength(6);
    expect(bins.log().length).toBeGreaterThan(12); // probes, tail reads, posters, proxies...
    expect(bins.maxConcurrent()).toBeLessThanOrEqual(2);
  });
});
