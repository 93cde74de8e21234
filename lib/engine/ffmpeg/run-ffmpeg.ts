import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { acquireProcessSlot } from "./process-pool";

// The one place ffmpeg, ffprobe and the other media tools (pocketsphinx) are executed. Builders elsewhere return argument
// arrays (never shell strings); this runner spawns them, reports progress from
// `-progress pipe:1`, kills the child when the AbortSignal fires, and removes the
// listed temporary files whatever happens.

export interface FfmpegProgress {
  /** Output time reached, ms. */
  outTimeMs: number;
  /** 0..1 when the expected duration is known. */
  ratio: number | null;
  /** Encoding speed relative to real time (1.5 = 1.5x), when ffmpeg reports it. */
  speed: number | null;
  /** Seconds left, estimated from progress so far. */
  etaSeconds: number | null;
}

export interface RunOptions {
  /** Binary to run; defaults to "ffmpeg". */
  bin?: string;
  signal?: AbortSignal;
  /** Expected output duration (ms) so progress can be a ratio. */
  durationMs?: number;
  onProgress?: (p: FfmpegProgress) => void;
  /** Files to delete when the run ends, success or not. */
  cleanup?: string[];
  /** Kill the run after this long. */
  timeoutMs?: number;
  /** Keep stdout (ffprobe JSON, analysis output). */
  captureStdout?: boolean;
  /** Write to the child's stdin, then close it. */
  stdin?: Buffer | string;
  /** How much of stderr to keep for error messages and analysis filters. */
  stderrLimit?: number;
  /** Each complete stdout line as it arrives (stdout is still captured when captureStdout). */
  onLine?: (line: string) => void;
  /** Said after "<bin> is not installed." when the binary is missing. */
  missingHint?: string;
  /** Said when timeoutMs passes. */
  timeoutMessage?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  durationMs: number;
}

export class FfmpegError extends AppError {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super("internal", message);
    this.name = "FfmpegError";
  }
}

/** Parses one block of `-progress` key=value lines. */
export function parseProgressBlock(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

export function progressFrom(
  kv: Record<string, string>,
  durationMs: number | undefined,
  elapsedMs: number,
): FfmpegProgress | null {
  const us = Number(kv.out_time_us ?? kv.out_time_ms);
  if (!Number.isFinite(us) || us < 0) return null;
  const outTimeMs = us / 1000;
  const ratio = durationMs && durationMs > 0 ? Math.min(1, outTimeMs / durationMs) : null;
  const speedMatch = /([\d.]+)x/.exec(kv.speed ?? "");
  const speed = speedMatch ? Number(speedMatch[1]) : null;
  const etaSeconds =
    ratio && ratio > 0.01 ? Math.max(0, (elapsedMs / ratio - elapsedMs) / 1000) : null;
  return { outTimeMs, ratio, speed, etaSeconds };
}

export async function runFfmpeg(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const bin = opts.bin ?? "ffmpeg";
  const wantsProgress = Boolean(opts.onProgress);
  const fullArgs = wantsProgress ? ["-progress", "pipe:1", "-nostats", ...args] : args;
  const limit = opts.stderrLimit ?? 64 * 1024;

  if (opts.signal?.aborted) {
    await removeFiles(opts.cleanup);
    throw new AppError("cancelled", "The job was cancelled.");
  }
  // Waits in line when the machine already runs its share of media processes.
  let release: () => void;
  try {
    release = await acquireProcessSlot(opts.signal);
  } catch (err) {
    await removeFiles(opts.cleanup);
    throw err;
  }
  const started = Date.now();

  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(bin, fullArgs, { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let pending = "";
    let killedBy: "abort" | "timeout" | null = null;

    const kill = (why: "abort" | "timeout") => {
      if (child.exitCode !== null) return;
      killedBy = why;
      child.kill("SIGKILL");
    };
    const onAbort = () => kill("abort");
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const timer = opts.timeoutMs ? setTimeout(() => kill("timeout"), opts.timeoutMs) : null;

    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (wantsProgress) {
        pending += chunk;
        let idx: number;
        while ((idx = pending.search(/progress=(continue|end)\n/)) !== -1) {
          const end = pending.indexOf("\n", idx) + 1;
          const block = pending.slice(0, end);
          pending = pending.slice(end);
          const p = progressFrom(parseProgressBlock(block), opts.durationMs, Date.now() - started);
          if (p) opts.onProgress!(p);
        }
      } else {
        if (opts.captureStdout) stdout += chunk;
        if (opts.onLine) {
          pending += chunk;
          const lines = pending.split("\n");
          pending = lines.pop() ?? "";
          for (const line of lines) opts.onLine(line);
        }
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr += chunk;
      if (stderr.length > limit * 2) stderr = stderr.slice(-limit);
    });
    child.stdin.on("error", () => {
      // ffmpeg may exit before reading all of stdin; its exit code tells the story.
    });
    if (opts.stdin !== undefined) child.stdin.end(opts.stdin);
    else child.stdin.end();

    let finished = false;
    const finish = async (err: Error | null, result?: RunResult) => {
      if (finished) return;
      finished = true;
      release();
      opts.signal?.removeEventListener("abort", onAbort);
      if (timer) clearTimeout(timer);
      await removeFiles(opts.cleanup);
      if (err) reject(err);
      else resolve(result!);
    };

    child.on("error", (err: NodeJS.ErrnoException) => {
      // The tool's name, never its path (FFMPEG_PATH may name the server's folders).
      const name = path.basename(bin);
      const msg =
        err.code === "ENOENT"
          ? `${name} is not installed. ${opts.missingHint ?? 'Run "npm run setup" (or install ffmpeg) and try again.'}`
          : `${name} could not be started on the server. Please try again later.`;
      void finish(new AppError("unavailable", msg, { cause: err }));
    });
    child.on("close", (code) => {
      const tail = stderr.slice(-limit);
      if (killedBy === "abort")
        return void finish(new AppError("cancelled", "The job was cancelled."));
      if (killedBy === "timeout")
        return void finish(
          new AppError(
            "timeout",
            opts.timeoutMessage ?? "Processing took too long and was stopped.",
          ),
        );
      if (code !== 0) {
        const lastLines = tail.trim().split("\n").slice(-3).join(" | ");
        return void finish(
          new FfmpegError(`${bin} failed (exit ${code}): ${lastLines}`, code, tail),
        );
      }
      void finish(null, { stdout, stderr: tail, durationMs: Date.now() - started });
    });
  });
}

async function removeFiles(files: string[] | undefined): Promise<void> {
  if (!files) return;
  await Promise.all(
    files.map((f) => fs.promises.rm(f, { force: true, recursive: true }).catch(() => undefined)),
  );
}
