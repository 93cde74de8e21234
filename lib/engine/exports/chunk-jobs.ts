import path from "node:path";
import { AppError } from "@/lib/errors";
import type { EngineConfig } from "../engine-config";
import type { PartHandler, Queue } from "../jobs/queue";
import { TIMED_OUT } from "../jobs/run-job";
import type { SourceObjects } from "../media/source-objects";
import { makePart } from "../render/part-files";
import type { Storage } from "../storage/storage";
import { createKeepFiles } from "./export-files";
import { renderJobDefinition } from "./render-job";

// The render jobs as any process that takes work defines them: the web app with the
// in-process queue, or scripts/worker.ts on any machine, with no database. Exports and
// previews (render-job.ts), and the parts of chunked exports: the export's job hands its
// parts to the queue (in-process: up to the chunk lane's limit here; BullMQ: any free
// worker), each part is made on its machine (part-files.ts) and kept on `chunkStore`
// (the bucket with STORAGE=s3, else this DATA_DIR's storage folder) until the export joins
// them. A part has its own time limit, in proportion to its length.

export const CHUNK_KIND = "chunk";

export interface RenderJobsDeps {
  sources: SourceObjects;
  /** Where finished chunks wait for their join (createStorage from the config). */
  chunkStore: Storage;
  /** Only the web process: what a completed row's run stored (recorded, or deleted when the row ended otherwise). */
  accept?(
    jobId: string,
    stored: { name: string; key: string; size: number }[],
    kept: boolean,
  ): void;
}

export function defineRenderJobs(queue: Queue, config: EngineConfig, deps: RenderJobsDeps): void {
  const files = createKeepFiles(config);
  const render = {
    ffmpegPath: config.ffmpegPath,
    files,
    sources: deps.sources,
    timeout: config.renderTimeout,
  };
  const chunking = {
    chunkMs: config.renderChunkMs,
    concurrency: config.renderChunkConcurrency,
    store: deps.chunkStore,
    parts: (jobId: string) => queue.parts(jobId),
  };
  const accept = deps.accept
    ? (
        jobId: string,
        r: { stored?: { name: string; key: string; size: number }[] },
        kept: boolean,
      ) => deps.accept!(jobId, r.stored ?? [], kept)
    : undefined;
  queue.define({ ...renderJobDefinition("export", { ...render, chunking }), accept });
  queue.define({ ...renderJobDefinition("preview", render), accept });
  queue.defineParts(partHandler(config, deps));
}

function partHandler(config: EngineConfig, deps: RenderJobsDeps): PartHandler {
  const timeout = config.renderTimeout;
  return async (part, signal, progress) => {
    const ac = new AbortController();
    const stop = () => ac.abort();
    signal.addEventListener("abort", stop, { once: true });
    let timedOut = false;
    const timer = timeout
      ? setTimeout(
          () => {
            timedOut = true;
            ac.abort();
          },
          timeout.baseMs + timeout.factor * part.durationMs,
        )
      : null;
    try {
      await makePart(part, {
        store: deps.chunkStore,
        scratch: path.join(config.dataDir, "work", "parts"),
        ffmpegPath: config.ffmpegPath,
        signal: ac.signal,
        onProgress: progress,
        localSource: (s) => deps.sources.localPath(s),
      });
    } catch (err) {
      if (timedOut) throw new AppError("upstream", TIMED_OUT);
      throw err;
    } finally {
      if (timer) clearTimeout(timer);
      signal.removeEventListener("abort", stop);
    }
  };
}
