import fs from "node:fs";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { JobRow, JobStore } from "../jobs/job-store";
import type { JobDefinition, Queue } from "../jobs/queue";
import { renderPart, type RunParts } from "../render/render-chunked";
import type { RenderTimeout } from "./render-job";

// The parts of a chunked export as jobs of their own (kind "chunk", their own lane), so
// with QUEUE=bullmq every free worker takes some: the export's job plans the parts, queues
// one job per part not yet rendered, and waits for them (reading their rows, so progress
// and ETA add up across workers) before it joins them. A worker killed mid-chunk costs that
// chunk only: BullMQ hands it to another worker. A finished part stays in its file (named by
// a hash of what it holds), so an export re-run after a crash or restart renders only the
// rest. Cancelling the export cancels every part.

export const CHUNK_KIND = "chunk";

export const chunkPayloadSchema = z.object({
  /** The export job this part belongs to. */
  parent: z.string().min(1),
  file: z.string().min(1),
  args: z.array(z.string()).min(1),
  durationMs: z.number().min(0),
});
export type ChunkPayload = z.infer<typeof chunkPayloadSchema>;

const POLL_MS = 250;
const PART_FAILED =
  "A part of this export could not be rendered. Please try again; if it fails again, undo the last edit and export once more.";

export function chunkJobDefinition(
  ffmpegPath: string,
  timeout?: RenderTimeout,
): JobDefinition<ChunkPayload> {
  return {
    kind: CHUNK_KIND,
    payload: chunkPayloadSchema,
    ...(timeout
      ? { timeoutMs: (p: ChunkPayload) => timeout.baseMs + timeout.factor * p.durationMs }
      : {}),
    async run(p, ctx) {
      // Rendered already (a retry after the worker died just after the rename).
      if (!fs.existsSync(p.file))
        await renderPart(p, {
          ffmpegPath,
          signal: ctx.signal,
          onProgress: (r) => ctx.progress(r, null),
        });
      return { output: p.file };
    },
  };
}

const unfinished = (row: JobRow | null) =>
  row !== null && (row.status === "pending" || row.status === "processing");

/** RunParts for one export job: a queue job per part, waited for through the jobs table. */
export function queuedParts(queue: Queue, store: JobStore, parent: JobRow): RunParts {
  return async (parts, progress, signal) => {
    const ids = parts.map((part) => {
      // The same part of an earlier run of this export that is still queued or rendering is
      // waited for, not rendered twice; one that ended without its file gets a new row.
      for (let attempt = 0; ; attempt++) {
        const id = `chk_${parent.id}_${part.name}_${attempt}`;
        const row = store.get(id);
        if (unfinished(row)) return id;
        if (row) continue;
        const payload: ChunkPayload = {
          parent: parent.id,
          file: part.file,
          args: part.args,
          durationMs: part.durationMs,
        };
        queue.enqueue({
          id,
          sessionId: parent.sessionId,
          tokenId: parent.tokenId,
          kind: CHUNK_KIND,
          preset: null,
          payload,
          credits: 0,
        });
        return id;
      }
    });
    const stopAll = () => ids.forEach((id) => unfinished(store.get(id)) && queue.cancel(id));
    signal.addEventListener("abort", stopAll, { once: true });
    try {
      for (;;) {
        if (signal.aborted) throw new AppError("cancelled", "The job was cancelled.");
        let open = 0;
        for (const [n, id] of ids.entries()) {
          const row = store.get(id);
          if (row?.status === "completed") progress(parts[n], 1);
          else if (unfinished(row)) {
            open++;
            progress(parts[n], row!.progress / 100);
          } else {
            // Without this part the export cannot finish: stop the others.
            stopAll();
            if (row?.status === "cancelled" && signal.aborted)
              throw new AppError("cancelled", "The job was cancelled.");
            throw new AppError("upstream", row?.error ?? PART_FAILED);
          }
        }
        if (open === 0) return;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } finally {
      signal.removeEventListener("abort", stopAll);
    }
  };
}
