import type { Job } from "bullmq";
import { AppError } from "@/lib/errors";
import type { PartTask, RunParts } from "../render/render-chunked";
import { delay, type BullmqConnection } from "./bullmq-connection";
import { CANCEL_CHANNEL, CANCEL_KEY, decodeEnd, PART_JOB, type PartData } from "./bullmq-worker";

// The parts of one chunked render as BullMQ jobs of the "chunk" lane (no rows): any free
// worker on any machine takes some. The render that queued them (itself a job on some
// worker) follows their state and progress in Redis, so progress and ETA add up across
// workers. A part whose worker is killed is handed to another worker by BullMQ's stalled
// check, costing only that part; a part that fails stops the others; an abort (the
// export cancelled or stopped) cancels every part through the cancel channel. A part
// is named by its export and content, so an export run again (after its worker died)
// waits for a part still rendering instead of queueing it twice. Ended part jobs stay a
// day (as other jobs) and are cleared by BullMQ.

const POLL_MS = 300;
const KEEP = { age: 24 * 3600, count: 1000 };
export const PART_FAILED =
  "A part of this export could not be rendered. Please try again; if it fails again, undo the last edit and export once more.";

export const partJobId = (parentId: string, part: PartTask) =>
  `part-${parentId}-${part.name}-${part.key}`;

export function bullmqParts(conn: BullmqConnection, parentId: string): RunParts {
  return async (parts, progress, signal) => {
    if (parts.length === 0) return;
    const queue = conn.queueOf("chunk");
    const ids = parts.map((p) => partJobId(parentId, p));
    const add = async (n: number) => {
      // An earlier run of this export that was stopped (its worker shut down) cancelled the part.
      await conn.redis.del(CANCEL_KEY(ids[n]));
      const data: PartData = { parent: parentId, part: parts[n] };
      await queue.add(PART_JOB, data, {
        jobId: ids[n],
        attempts: 1,
        removeOnComplete: KEEP,
        removeOnFail: KEEP,
      });
    };
    for (let n = 0; n < parts.length; n++) {
      // A job left by an earlier run that ended (its file is not stored: it would not be asked for) goes first.
      const old = await queue.getJob(ids[n]);
      const state = old ? await old.getState() : "unknown";
      if (old && (state === "completed" || state === "failed")) await old.remove();
      if (!old || state === "completed" || state === "failed") await add(n);
    }
    const open = new Set(ids.keys());
    const stopAll = () => {
      const multi = conn.redis.multi();
      for (const n of open)
        multi.set(CANCEL_KEY(ids[n]), "1", "EX", 24 * 3600).publish(CANCEL_CHANNEL, ids[n]);
      void multi.exec().catch(() => undefined);
      for (const n of open) void queue.remove(ids[n]).catch(() => undefined);
    };
    signal.addEventListener("abort", stopAll, { once: true });
    try {
      while (open.size > 0) {
        if (signal.aborted) throw new AppError("cancelled", "The job was cancelled.");
        for (const n of [...open]) {
          const job: Job | undefined = await queue.getJob(ids[n]);
          const state = job ? await job.getState() : "unknown";
          if (state === "completed") {
            open.delete(n);
            progress(parts[n], 1);
          } else if (state === "failed") {
            open.delete(n);
            stopAll();
            const end = decodeEnd(job!.failedReason);
            if (end.status === "cancelled" || signal.aborted)
              throw new AppError("cancelled", "The job was cancelled.");
            throw new AppError(
              "upstream",
              end.error === decodeEnd("").error ? PART_FAILED : end.error,
            );
          } else if (state === "unknown") {
            await add(n); // lost (Redis restarted empty): queue it again
          } else {
            const ratio = (job?.progress as { ratio?: number } | undefined)?.ratio;
            if (typeof ratio === "number") progress(parts[n], ratio);
          }
        }
        if (open.size > 0) await delay(POLL_MS);
      }
    } finally {
      signal.removeEventListener("abort", stopAll);
    }
  };
}
