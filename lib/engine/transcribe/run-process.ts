import { spawn } from "node:child_process";
import { AppError } from "@/lib/errors";

// Runs a recogniser binary (pocketsphinx) with an argument array: kills it when the
// AbortSignal fires or the time limit passes, streams stdout lines to the caller so it
// can report progress, and keeps the end of stderr for the error message.

export interface ProcessOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  onLine?: (line: string) => void;
  /** Said to the user when the binary is missing. */
  missingHint: string;
}

export function runProcess(bin: string, args: string[], opts: ProcessOptions): Promise<string> {
  if (opts.signal?.aborted) return Promise.reject(new AppError("cancelled", "The job was cancelled."));
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let pending = "";
    let stderr = "";
    let killedBy: "abort" | "timeout" | null = null;
    const kill = (why: "abort" | "timeout") => {
      if (child.exitCode !== null) return;
      killedBy = why;
      child.kill("SIGKILL");
    };
    const onAbort = () => kill("abort");
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const timer = opts.timeoutMs ? setTimeout(() => kill("timeout"), opts.timeoutMs) : null;
    const done = () => {
      opts.signal?.removeEventListener("abort", onAbort);
      if (timer) clearTimeout(timer);
    };

    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      if (!opts.onLine) return;
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) opts.onLine(line);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    child.on("error", (err: NodeJS.ErrnoException) => {
      done();
      reject(
        err.code === "ENOENT"
          ? new AppError("unavailable", `${bin} is not installed. ${opts.missingHint}`, { cause: err })
          : new AppError("internal", `Could not start ${bin}: ${err.message}`, { cause: err }),
      );
    });
    child.on("close", (code) => {
      done();
      if (killedBy === "abort") return reject(new AppError("cancelled", "The job was cancelled."));
      if (killedBy === "timeout") return reject(new AppError("timeout", "Speech recognition took too long and was stopped."));
      if (code !== 0) {
        const tail = stderr.trim().split("\n").slice(-3).join(" | ");
        return reject(new AppError("internal", `${bin} failed (exit ${code}): ${tail}`));
      }
      resolve(stdout);
    });
  });
}
