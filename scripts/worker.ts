// The render worker for QUEUE=bullmq:  QUEUE=bullmq REDIS_URL=redis://... DATA_DIR=... npm run worker
//   [--grace-ms 30000]   on SIGTERM/SIGINT: stop taking jobs, let running renders finish for
//                        this long, then hand the rest back to the queue for another worker
//   [--lock-ms 30000]    how long a dead worker's job stays locked before another takes it
//   [--stalled-ms 30000] how often this worker looks for such jobs
// The worker opens the same DATA_DIR (SQLite file, chunk folder; media and exports unless
// STORAGE=s3) as the web app: run it on the same machine, or mount DATA_DIR from shared
// storage. RENDER_CONCURRENCY applies here: that many exports, as many chunks of long
// exports (any worker's), and one preview at once.
import path from "node:path";
import { parseEnv } from "@/lib/config/env-schema";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { createExports } from "@/lib/engine/exports/exports";
import { createQueue } from "@/lib/engine/jobs/create-queue";
import { openDatabase } from "@/lib/engine/store/open-database";

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
  const db = openDatabase(path.join(config.dataDir, "vso.sqlite"));
  const queue = createQueue(db, config, {
    work: true,
    lockDurationMs: flag("lock-ms", 30_000),
    stalledIntervalMs: flag("stalled-ms", 30_000),
  });
  // engine.exports settles finished jobs here: credits charged or released, share links made.
  createExports(db, config, queue);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(
      `worker: ${signal}, finishing running renders (up to ${graceMs} ms), then handing the rest back\n`,
    );
    void queue.shutdown(graceMs).then(
      () => {
        db.close();
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
  if (!stopping)
    process.stdout.write(
      `worker ready: pid ${process.pid}, ${config.renderConcurrency} export(s) at once, data ${config.dataDir}\n`,
    );
}

void main();
