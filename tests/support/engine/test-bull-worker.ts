// Test support only: a BullMQ worker process whose "test" jobs hang at 50% until the
// process is killed, with a short lock so the tests see stalled-job handling quickly.
// Prints "started <jobId>" when a job starts. argv: sqliteFile redisUrl prefix.
import { openDatabase } from "@/lib/engine/store/open-database";
import { createBullmqQueue } from "@/lib/engine/jobs/bullmq-queue";
import { createJobStore } from "@/lib/engine/jobs/job-store";
import { z } from "zod";

const [file, redisUrl, prefix] = process.argv.slice(2);
const db = openDatabase(file);
const queue = createBullmqQueue({
  store: createJobStore(db),
  redisUrl,
  prefix,
  work: true,
  concurrency: 1,
  lockDurationMs: 600,
  stalledIntervalMs: 200,
  log: () => undefined,
});
queue.define({
  kind: "test",
  payload: z.object({ n: z.number() }),
  run: (_p, ctx) =>
    new Promise(() => {
      ctx.progress(0.5, null);
      process.stdout.write(`started ${ctx.jobId}\n`);
    }),
});
void queue.ready();
