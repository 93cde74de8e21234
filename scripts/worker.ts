// The render worker for QUEUE=bullmq:  QUEUE=bullmq REDIS_URL=redis://... DATA_DIR=... npm run worker
//   [--grace-ms 30000]   on SIGTERM/SIGINT: stop taking jobs, let running renders finish for
//                        this long, then hand the rest back to the queue for another worker
//   [--lock-ms 30000]    how long a dead worker's job stays locked before another takes it
//   [--stalled-ms 30000] how often this worker looks for such jobs
// A worker never opens the web app's database: each job carries what it needs through
// Redis, and the worker reports progress, the result or the user's sentence back the same
// way; the web app records them, charges or releases credits and makes share links.
// With STORAGE=s3 a worker shares nothing else: it reads sources from the bucket, keeps
// the parts of chunked exports there and uploads the finished files, so DATA_DIR is only
// its own scratch folder (run as many as you like, on any machine). With STORAGE=disk the
// finished files must land in the web app's folder: the worker needs the SAME DATA_DIR
// (the same machine, or a shared mount). RENDER_CONCURRENCY applies here: that many
// exports, RENDER_CHUNK_CONCURRENCY chunks of long exports (any worker's), and one preview at once.
import { parseEnv } from "@/lib/config/env-schema";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { defineRenderJobs } from "@/lib/engine/exports/chunk-jobs";
import { createQueue } from "@/lib/engine/jobs/create-queue";
import { createSourceObjects } from "@/lib/engine/media/source-objects";
import { createStorage } from "@/lib/engine/storage/create-storage";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} needs a number of milliseconds.`);
  return n;
}

function fail(message: string): never {
  process.stderr.write(`worker: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let config;
  try {
    config = engineConfigFromEnv(parseEnv(process.env));
  } catch (err) {
    fail((err as Error).message);
  }
  if (config.queue !== "bullmq")
    fail(
      "Set QUEUE=bullmq (and REDIS_URL) for the worker; with QUEUE=inprocess the web app renders by itself.",
    );
  const graceMs = flag("grace-ms", 30_000);
  let chunkStore;
  try {
    chunkStore = createStorage(config.storage, config.dataDir);
  } catch (err) {
    fail((err as Error).message);
  }
  // No database: the web app owns the jobs table (see lib/engine/jobs/bullmq-queue.ts).
  const queue = createQueue(null, config, {
    work: true,
    lockDurationMs: flag("lock-ms", 30_000),
    stalledIntervalMs: flag("stalled-ms", 30_000),
  });
  defineRenderJobs(queue, config, { sources: createSourceObjects(config), chunkStore });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(
      `worker: ${signal}, finishing running renders (up to ${graceMs} ms), then handing the rest back\n`,
    );
    void queue.shutdown(graceMs).then(
      () => {
        process.stdout.write("worker stopped\n");
        process.exit(0);
      },
      (err) => {
        process.stderr.write(`worker: shutdown failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  // Installed before waiting for Redis, so a worker that never connected still stops cleanly.
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  await queue.ready();
  const storage =
    config.storage.STORAGE === "s3"
      ? `STORAGE=s3: sources, chunks and exports in the bucket; ${config.dataDir} is this worker's scratch folder`
      : `STORAGE=disk: ${config.dataDir} must be the web app's DATA_DIR (same machine or shared mount), or exports never reach it`;
  if (!stopping)
    process.stdout.write(
      `worker ready: pid ${process.pid}, ${config.renderConcurrency} export(s) and ${config.renderChunkConcurrency} chunk(s) at once, ${storage}\n`,
    );
}

void main();
