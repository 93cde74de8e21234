// Test support only: a BullMQ worker process whose "test" jobs hang at 50% until the
// process is killed, with a short lock so the tests see stalled-job handling quickly.
// Prints "started <jobId>" when a job starts. No database, as every worker. argv: redisUrl prefix.
import { createBullmqQueue } from "@/lib/engine/jobs/bullmq-queue";
import { z } from "zod";

const [redisUrl, prefix] = process.argv.slice(2);
const queue = createBullmqQueue({
  redisUrl,
  prefix,
  work: true,
  concurrency: 1,
  progressEveryMs: 0,
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
