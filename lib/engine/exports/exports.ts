import path from "node:path";
import { AppError } from "@/lib/errors";
import { audiogramMediaIds } from "@/lib/draft/audiogram";
import type { Draft } from "@/lib/draft/schema";
import { isAudioTrack, isVideoTrack, segmentsOf, tracksOf } from "@/lib/draft/tracks";
import type { StartExport } from "@/lib/export/schema";
import { createAccounts } from "../accounts/accounts";
import { createDraftStore } from "../drafts/draft-store";
import type { EngineConfig } from "../engine-config";
import { newId } from "../ids";
import { createJobStore, type JobRow } from "../jobs/job-store";
import type { Queue } from "../jobs/queue";
import { checkWorkLimits, outputLength } from "../ops/work-limits";
import { checkRoom } from "../retention/disk-room";
import { layoutTimeline } from "../render/layout-timeline";
import { outputSpec } from "../render/presets";
import type { Db } from "../store/open-database";
import { createSessionsStore } from "../store/sessions-store";
import { describeExport, missingFile, type DownloadKind } from "./describe-export";
import type { ExportRecord } from "./export-record";
import { CHUNK_KIND, defineRenderJobs } from "./chunk-jobs";
import { createSourceObjects, sourceKey } from "../media/source-objects";
import { createStorage } from "../storage/create-storage";
import { createExportFiles, type FilesOf } from "./export-files";
import { chunkScope, objectPrefix, sessionExportsPrefix } from "./export-objects";
import { loadRenderMedia } from "./load-media";
import { renderPayloadSchema, SRT_FILE, VTT_FILE, type RenderPayload } from "./render-job";
import { settleExport } from "./settle-export";
import { createShares } from "./shares";

// engine.exports: final exports (cost credits: frozen at start, charged on success,
// released on failure or cancel) and previews (small, quick, free). Jobs live in the
// `jobs` table; every read is scoped to the session, so another session's job id is
// simply "not found". Files: <dataDir>/exports/<sessionId>/<jobId>/, or with STORAGE=s3
// exports/<sessionId>/<jobId>/ in the bucket, served by redirect (export-files.ts).
// What a finished job means for credits and links is settle-export.ts; links: shares.ts.

export const RESTART_REASON = "The server restarted during this export; start it again.";

export type { DownloadKind };

export interface ExportFile {
  path: string;
  contentType: string;
  filename: string;
}

/** How a download is answered: a local file (disk) or a presigned link (s3). */
export type ExportDownload = ({ kind: "file" } & ExportFile) | { kind: "redirect"; url: string };

export type Exports = ReturnType<typeof createExports>;

/** `queue`: from createQueue (in-process or BullMQ). */
export function createExports(db: Db, config: EngineConfig, queue: Queue) {
  const store = createJobStore(db);
  const accounts = createAccounts(db, config.accounts);
  const drafts = createDraftStore(db);
  const shares = createShares(db, { linkDays: config.shareLinkDays });
  const files = createExportFiles(db, config);
  // The render jobs, as every process that takes work defines them (scripts/worker.ts too).
  // Here, as the owner of the jobs table, the web process also records what a run stored.
  const storage = createStorage(config.storage, config.dataDir);
  defineRenderJobs(queue, config, {
    sources: createSourceObjects(config),
    chunkStore: storage,
    accept(jobId, stored, kept) {
      if (kept) files.record(jobId, stored);
      else if (stored.length > 0) {
        // The row ended otherwise first (a cancel won the race): what the worker stored must
        // go. A result heard twice finds the row completed: its files stay.
        const job = store.get(jobId);
        if (job && job.status !== "completed") forget(job);
      }
    },
  });
  // Object deletions run after the sync settle; idle() waits for them (tests, shutdown).
  const cleanups = new Set<Promise<void>>();
  function forget(job: JobRow): void {
    const p = files
      .forget(filesOf(job))
      .catch((err) =>
        console.error(`[exports] could not delete the stored files of ${job.id}`, err),
      )
      .finally(() => cleanups.delete(p));
    cleanups.add(p);
  }

  queue.onSettled((job) => {
    if (job.kind === CHUNK_KIND) return; // rows of an older version: their export settles
    settleExport(job, { accounts, shares, files, store, filesOf, forget });
  });
  // An export long enough to render in chunks runs again and renders only the missing ones
  // (the finished ones are kept on the chunk storage); chunk rows of an older version end.
  queue.recover(RESTART_REASON, (job) => {
    if (job.kind !== "export") return false;
    const p = payloadOf(job);
    return p !== null && config.renderChunkMs > 0 && outputLength(p.draft) > config.renderChunkMs;
  });

  function payloadOf(job: JobRow): RenderPayload | null {
    const parsed = renderPayloadSchema.safeParse(job.payload);
    return parsed.success ? parsed.data : null;
  }

  function filesOf(job: JobRow): FilesOf {
    const p = payloadOf(job);
    return {
      id: job.id,
      prefix: p?.key ?? objectPrefix(job.sessionId, job.id),
      dir: p?.dir ?? null,
    };
  }

  function view(job: JobRow): ExportRecord {
    const p = payloadOf(job);
    const done = job.status === "completed";
    const shareId = done && job.kind === "export" ? shares.activeIdOf(job.id) : null;
    const has = (file: string) => done && p !== null && files.has(filesOf(job), file);
    return {
      id: job.id,
      status: job.status,
      progress: job.progress,
      eta: job.eta,
      preset: job.preset ?? "youtube",
      name: p?.name ?? null,
      width: p?.out.width ?? null,
      height: p?.out.height ?? null,
      shareId,
      hasSrt: has(SRT_FILE),
      hasVtt: has(VTT_FILE),
      error: job.error,
      createdAt: new Date(job.createdAt).toISOString(),
      updatedAt: new Date(job.updatedAt).toISOString(),
    };
  }

  function owned(sessionId: string, jobId: string): JobRow {
    const job = store.get(jobId);
    if (!job || job.sessionId !== sessionId || (job.kind !== "export" && job.kind !== "preview")) {
      throw new AppError("not_found", "That export was not found in this project.");
    }
    return job;
  }

  function titleOf(sessionId: string): string {
    return createSessionsStore(db).title(sessionId) ?? "video";
  }

  return {
    queue,

    /** Freezes credits (2001 when short), snapshots the draft and queues the render. */
    start(
      sessionId: string,
      tokenId: string,
      input: StartExport,
      part?: { draft: Draft; name: string },
    ): ExportRecord {
      // A batch export renders one clip's slice of the timeline instead of all of it.
      const draft = part?.draft ?? drafts.current(sessionId).draft;
      const sourced = tracksOf(draft).filter((t) => isVideoTrack(t) || isAudioTrack(t));
      const ids = [
        ...sourced.flatMap((t) => segmentsOf(t).map((s) => s.src)),
        ...audiogramMediaIds(draft),
      ];
      const media = loadRenderMedia(db, sessionId, ids);
      layoutTimeline(draft, media); // empty timeline, missing clips: say so before any credit moves
      checkWorkLimits(draft, config.workLimits);
      checkRoom(db, config.dataDir, tokenId, config.disk);
      if (input.preview) {
        // One preview per project at a time: a newer one replaces any still waiting or rendering.
        for (const old of store.unfinishedOf({ sessionId }, "preview")) queue.cancel(old.id);
      } else if (store.unfinishedOf({ tokenId }, "export").length >= config.maxExportsPerToken) {
        throw new AppError(
          "rate_limited",
          `You already have ${config.maxExportsPerToken} exports waiting or rendering. Wait for one to finish (or cancel one in the export panel), then export again.`,
          { retryAfter: 30 },
        );
      }
      const id = newId(input.preview ? "prv" : "exp");
      const credits = input.preview ? 0 : accounts.freeze(tokenId, config.exportCredits);
      const payload: RenderPayload = {
        draft,
        media: Object.values(media).map((m) => ({ ...m, key: sourceKey(sessionId, m.id, m.path) })),
        out: outputSpec(draft, input.preset, input.preview),
        dir: path.join(config.dataDir, "exports", sessionId, id),
        key: objectPrefix(sessionId, id),
        ...(part ? { name: part.name } : {}),
      };
      try {
        return view(
          queue.enqueue({
            id,
            sessionId,
            tokenId,
            kind: input.preview ? "preview" : "export",
            preset: input.preset,
            payload,
            credits,
          }),
        );
      } catch (err) {
        accounts.release(tokenId, credits);
        throw err;
      }
    },

    get: (sessionId: string, jobId: string): ExportRecord => view(owned(sessionId, jobId)),

    /** Final exports of the session, newest first (previews are not listed). */
    list: (sessionId: string): ExportRecord[] =>
      store.listBySession(sessionId, ["export"]).map(view),

    /** Resolves once the job has really stopped (ffmpeg killed), or after 5 s at most. */
    async cancel(sessionId: string, jobId: string): Promise<ExportRecord> {
      owned(sessionId, jobId);
      // Its parts stop too, on whichever worker (they are cancelled with their export).
      const row = queue.cancel(jobId)!;
      if (row.status !== "processing") return view(row);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 5000);
        const off = queue.subscribe(jobId, (j) => {
          if (j.status !== "processing") done();
        });
        function done() {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
      return view(store.get(jobId)!);
    },

    /** Resolves once the job is in a final status (at once if it is, or if it does not exist). */
    settled(jobId: string): Promise<void> {
      return new Promise<void>((resolve) => {
        const off = queue.subscribe(jobId, (j) => {
          if (j.status !== "pending" && j.status !== "processing") done();
        });
        function done() {
          off();
          resolve();
        }
        const now = store.get(jobId);
        if (!now || (now.status !== "pending" && now.status !== "processing")) done();
      });
    },

    /** Deletes a finished export (or preview) with its files and share link; a running one must be cancelled first. */
    remove(sessionId: string, jobId: string): void {
      const job = owned(sessionId, jobId);
      if (job.status === "pending" || job.status === "processing") {
        throw new AppError(
          "conflict",
          "This export is still rendering. Cancel it first, then delete it.",
        );
      }
      forget(job);
      shares.removeFor(job.id);
      for (const c of store.children(job.id)) store.remove(c.id);
      store.remove(job.id);
    },

    /** Progress and status changes of one job; returns an unsubscribe function. */
    subscribe(jobId: string, listener: (job: ExportRecord) => void): () => void {
      return queue.subscribe(jobId, (row) => listener(view(row)));
    },

    /** The local file (STORAGE=disk only; with s3 use download() or localFile()). */
    file(sessionId: string, jobId: string, format: DownloadKind): ExportFile {
      const job = owned(sessionId, jobId);
      return fileOf(job, format, titleOf(sessionId));
    },

    /** What a download answers: the local file, or with STORAGE=s3 a presigned link. */
    async download(
      sessionId: string,
      jobId: string,
      format: DownloadKind,
    ): Promise<ExportDownload> {
      return downloadOf(owned(sessionId, jobId), format, titleOf(sessionId));
    },

    /** A path ffmpeg or the CLI can read, whichever the storage (s3: a cached copy). */
    async localFile(sessionId: string, jobId: string, format: DownloadKind): Promise<ExportFile> {
      const job = owned(sessionId, jobId);
      const d = describeExport(job, format, titleOf(sessionId));
      const file = await files.localPath(filesOf(job), d.name);
      if (!file) throw missingFile(format);
      return { path: file, contentType: d.contentType, filename: d.filename };
    },

    /** Withdraws the export's share link: it answers 404 from now on. */
    revokeShare(sessionId: string, jobId: string): ExportRecord {
      const job = owned(sessionId, jobId);
      shares.revoke(job.id);
      return view(store.get(job.id)!);
    },

    /** The id of the newest finished preview, for the studio's player (lib/server makes its URL). */
    latestPreviewId(sessionId: string): string | null {
      return store.latest(sessionId, "preview", "completed")?.id ?? null;
    },

    /** A share link's export, readable without a session; `file` only with STORAGE=disk. */
    shared(shareId: string): {
      job: ExportRecord;
      title: string;
      hasPoster: boolean;
      file?: ExportFile;
    } {
      const job = sharedJob(shareId);
      const title = titleOf(job.sessionId);
      return {
        job: view(job),
        title,
        hasPoster: hasFile(job, "poster"),
        ...(files.linksOnly ? {} : { file: fileOf(job, "mp4", title) }),
      };
    },

    /** The shared video (or its poster) as a download answer (s3: a presigned link), without a session. */
    async sharedDownload(
      shareId: string,
      format: "mp4" | "poster" = "mp4",
    ): Promise<ExportDownload> {
      const job = sharedJob(shareId);
      return downloadOf(job, format, titleOf(job.sessionId));
    },

    async forgetSession(sessionId: string): Promise<void> {
      // Stored exports (STORAGE=s3; on disk they are in the project's folder), and the
      // chunk parts a failed chunked export kept for a next try that will not come.
      await storage.deletePrefix(sessionExportsPrefix(sessionId));
      await storage.deletePrefix(`${chunkScope(sessionId)}/`);
    },

    async idle() {
      await queue.idle();
      while (cleanups.size > 0) await Promise.all([...cleanups]);
    },
    close: () => queue.close(),
  };

  function sharedJob(shareId: string): JobRow {
    const jobId = shares.jobOf(shareId);
    const job = jobId ? store.get(jobId) : null;
    if (!job || job.status !== "completed")
      throw new AppError("not_found", "This share link does not exist or the video was removed.");
    return job;
  }

  function hasFile(job: JobRow, format: DownloadKind): boolean {
    return files.has(filesOf(job), describeExport(job, format, "").name);
  }

  async function downloadOf(
    job: JobRow,
    format: DownloadKind,
    title: string,
  ): Promise<ExportDownload> {
    const d = describeExport(job, format, title);
    // Previews feed the studio's player; everything else is saved as a file.
    const url = await files.url(filesOf(job), d.name, {
      filename: d.filename,
      inline: job.kind === "preview" || format === "poster",
    });
    if (url) return { kind: "redirect", url };
    if (files.linksOnly) throw missingFile(format);
    return { kind: "file", ...fileOf(job, format, title) };
  }

  function fileOf(job: JobRow, format: DownloadKind, title: string): ExportFile {
    const d = describeExport(job, format, title);
    const file = files.file(filesOf(job), d.name);
    if (!file) throw missingFile(format);
    return { path: file, contentType: d.contentType, filename: d.filename };
  }
}
