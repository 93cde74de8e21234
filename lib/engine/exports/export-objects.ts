import fs from "node:fs";
import path from "node:path";
import type { Db } from "../store/open-database";
import type { Storage } from "../storage/storage";
import { POSTER_FILE } from "./export-poster";
import { SRT_FILE, VIDEO_FILE, VTT_FILE } from "./render-job";

// STORAGE=s3: a render's files are copied to object storage by the process that rendered
// them (a worker on any machine with QUEUE=bullmq; it has no database) BEFORE the job
// counts as completed, so a completed job's files are always there and an upload failure
// fails the job (credits back). The local folder is then removed. The web process records
// which files were stored (the job's result) in `export_objects` as the row completes, so
// job views (polled every second) never ask the storage. With STORAGE=disk files stay in
// the job folder (export-files.ts).

export const CONTENT_TYPES: Record<string, string> = {
  [VIDEO_FILE]: "video/mp4",
  [SRT_FILE]: "application/x-subrip; charset=utf-8",
  [VTT_FILE]: "text/vtt; charset=utf-8",
  [POSTER_FILE]: "image/jpeg",
};

/** Where a job's files go in the bucket: exports/<sessionId>/<jobId>. */
/** Where a project's exports are stored, one folder per export. */
export const sessionExportsPrefix = (sessionId: string) => `exports/${sessionId}/`;
export const objectPrefix = (sessionId: string, jobId: string) =>
  `${sessionExportsPrefix(sessionId)}${jobId}`;
/** Where a project's chunked exports keep their finished parts until joined (chunk storage). */
export const chunkScope = (sessionId: string) => `chunks/${sessionId}`;

export type StoredFile = { name: string; key: string; size: number };

/** Uploads the finished files in `dir` under `prefix`, then removes `dir`; on failure deletes what it stored. */
export async function uploadExportFiles(
  storage: Storage,
  prefix: string,
  dir: string,
  signal: AbortSignal,
): Promise<StoredFile[]> {
  const stored: StoredFile[] = [];
  try {
    for (const name of [SRT_FILE, VTT_FILE, POSTER_FILE, VIDEO_FILE]) {
      const file = path.join(dir, name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (!stat) continue;
      // A cancel during the upload still cancels: the caller's catch sees the abort.
      if (signal.aborted) throw signal.reason ?? new Error("cancelled");
      const key = `${prefix}/${name}`;
      await storage.putFile(key, file, CONTENT_TYPES[name]);
      stored.push({ name, key, size: stat.size });
    }
    if (signal.aborted) throw signal.reason ?? new Error("cancelled");
  } catch (err) {
    await storage.deletePrefix(`${prefix}/`).catch(() => {});
    throw err;
  }
  await fs.promises.rm(dir, { recursive: true, force: true });
  return stored;
}

export interface ExportObjects {
  storage: Storage;
  /** Records what a finished render stored (the web process, as its row completes). */
  record(jobId: string, files: StoredFile[]): void;
  has(jobId: string, name: string): boolean;
  /** A presigned link to one stored file, or null when it was not stored. */
  url(
    jobId: string,
    name: string,
    opts: { filename: string; inline: boolean },
  ): Promise<string | null>;
  /** Forgets the job's files at once (views stop offering them), then deletes the objects. */
  forget(jobId: string, prefix: string): Promise<void>;
}

export function createExportObjects(db: Db, storage: Storage): ExportObjects {
  const keyOf = (jobId: string, name: string) =>
    (
      db
        .prepare("SELECT key FROM export_objects WHERE job_id = ? AND name = ?")
        .get(jobId, name) as { key: string } | undefined
    )?.key ?? null;

  return {
    storage,
    record(jobId, files) {
      const put = db.prepare(
        "INSERT OR REPLACE INTO export_objects (job_id, name, key, size) VALUES (?, ?, ?, ?)",
      );
      for (const f of files) put.run(jobId, f.name, f.key, f.size);
    },
    has: (jobId, name) => keyOf(jobId, name) !== null,
    async url(jobId, name, opts) {
      const key = keyOf(jobId, name);
      if (!key) return null;
      return storage.downloadUrl(key, {
        filename: opts.filename,
        contentType: CONTENT_TYPES[name],
        inline: opts.inline,
      });
    },
    async forget(jobId, prefix) {
      db.prepare("DELETE FROM export_objects WHERE job_id = ?").run(jobId);
      await storage.deletePrefix(`${prefix}/`);
    },
  };
}
