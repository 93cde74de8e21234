import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseProgressBlock, progressFrom, runFfmpeg } from "./run-ffmpeg";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "vso-ff-"));

describe("progress parsing", () => {
  it("reads out_time_us and speed into a ratio and an ETA", () => {
    const kv = parseProgressBlock("frame=30\nout_time_us=2500000\nspeed=2.5x\nprogress=continue\n");
    const p = progressFrom(kv, 10_000, 1_000)!;
    expect(p.outTimeMs).toBe(2500);
    expect(p.ratio).toBeCloseTo(0.25);
    expect(p.speed).toBe(2.5);
    expect(p.etaSeconds).toBeCloseTo(3);
  });

  it("ignores blocks without a time (N/A at the start)", () => {
    expect(
      progressFrom(parseProgressBlock("out_time_us=N/A\nprogress=continue"), 1000, 10),
    ).toBeNull();
  });
});

describe("runFfmpeg", () => {
  it("renders, reports progress and removes temp files", async () => {
    const dir = tmp();
    const out = path.join(dir, "out.mp4");
    const scratch = path.join(dir, "scratch.txt");
    fs.writeFileSync(scratch, "x");
    const seen: number[] = [];
    await runFfmpeg(
      [
        "-y",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=160x120:rate=10:duration=2",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        out,
      ],
      { durationMs: 2000, onProgress: (p) => seen.push(p.ratio ?? 0), cleanup: [scratch] },
    );
    expect(fs.statSync(out).size).toBeGreaterThan(0);
    expect(seen.at(-1)).toBeGreaterThan(0.9);
    expect(fs.existsSync(scratch)).toBe(false);
  });

  it("kills the child on abort and says the job was cancelled", async () => {
    const dir = tmp();
    const ac = new AbortController();
    const run = runFfmpeg(
      [
        "-y",
        "-re",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=320x240:rate=25:duration=30",
        "-f",
        "null",
        "-",
      ],
      { signal: ac.signal, onProgress: () => ac.abort(), cleanup: [path.join(dir, "partial.mp4")] },
    );
    await expect(run).rejects.toMatchObject({ code: "cancelled" });
  });

  it("turns a failure into a readable error with ffmpeg's last lines", async () => {
    await expect(runFfmpeg(["-i", "/nonexistent/file.mp4", "-f", "null", "-"])).rejects.toThrow(
      /No such file/,
    );
  });

  it("says when the binary is missing", async () => {
    await expect(runFfmpeg(["-version"], { bin: "ffmpeg-does-not-exist" })).rejects.toMatchObject({
      code: "unavailable",
    });
  });

  it("hands stdout over line by line for tools that report as they go", async () => {
    const lines: string[] = [];
    const r = await runFfmpeg(["-version"], {
      bin: "ffprobe",
      captureStdout: true,
      onLine: (l) => lines.push(l),
    });
    expect(lines[0]).toMatch(/^ffprobe version/);
    expect(r.stdout.startsWith(lines[0])).toBe(true);
  });

  it("says what to install when a tool is missing", async () => {
    await expect(
      runFfmpeg(["x"], { bin: "pocketsphinx-missing", missingHint: "Install pocketsphinx." }),
    ).rejects.toThrow("pocketsphinx-missing is not installed. Install pocketsphinx.");
  });

  it("captures stdout for ffprobe", async () => {
    const r = await runFfmpeg(
      ["-v", "error", "-print_format", "json", "-show_format", "-f", "lavfi", "-i", "anullsrc=d=1"],
      {
        bin: "ffprobe",
        captureStdout: true,
      },
    );
    expect(JSON.parse(r.stdout).format).toBeTruthy();
  });
});
