import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import type { EngineConfig } from "../engine-config";
import { createStorage } from "../storage/create-storage";
import type { Db } from "../store/open-database";
import { createExportObjects, uploadExportFiles, type StoredFile } from "./export-objects";
import { VIDEO_FILE, type KeepFiles } from "./render-job";

// Where a finished export's files are kept, picked once from STORAGE. Disk: they are
// rendered into and stay in the job folder (<dataDir>/exports/<sessionId>/<jobId>/, so a
// BullMQ worker must share the web app's DATA_DIR) and the app sends them itself. S3: the
// rendering process (any machine) renders into its own scratch folder and uploads them
// before the job completes (export-objects.ts); the web process records them as the row
// completes, and downloads are presigned links. Callers never ask which one it is.
// `createKeepFiles` is the rendering side and needs no database.

/** The job a file belongs to: its id and (from the payload) its local folder. */
export interface FilesOf {
  id: string;
  prefix: string;
  dir: string | null;
}

export interface ExportFiles {
  /** True when downloads are always links (s3): the app never reads the files itself. */
  readonly linksOnly: boolean;
  /** As the row completes: notes what the render stored (s3). */
  record(jobId: string, stored: StoredFile[]): void;
  has(job: FilesOf, name: string): boolean;
  /** The file on this disk (disk), or an error saying to use the link (s3). */
  file(job: FilesOf, name: string): string | null;
  /** A link the browser downloads from directly (s3), or null when the app sends the bytes (disk). */
  url(
    job: FilesOf,
    name: string,
    opts: { filename: string; inline: boolean },
  ): Promise<string | null>;
  /** A path ffmpeg or the CLI can read (s3: a cached copy), or null when the file is not kept. */
  localPath(job: FilesOf, name: string): Promise<string | null>;
  /** Deletes the job's files: the local folder at once (views stop offering them), then any stored objects. */
  forget(job: FilesOf): Promise<void>;
}

export function createExportFiles(db: Db, config: EngineConfig): ExportFiles {
  return config.storage.STORAGE === "s3" ? s3Files(db, config) : diskFiles();
}

/** The rendering side (any process, no database): where a render writes, and how its files are kept. */
export function createKeepFiles(config: Pick<EngineConfig, "storage" | "dataDir">): KeepFiles {
  if (config.storage.STORAGE !== "s3") {
    const root = path.resolve(config.dataDir) + path.sep;
    return {
      workDir(_jobId, dir) {
        // The files stay where the web app sends them from: a worker with another DATA_DIR
        // would write them where the web app never looks (or fail on a path it lacks).
        if (!path.resolve(dir).startsWith(root)) {
          console.error(
            `[render] ${dir} is outside this process's DATA_DIR (${config.dataDir}): with STORAGE=disk a worker needs the web app's DATA_DIR; use STORAGE=s3 for workers with their own`,
          );
          throw new AppError("conflict", WRONG_DATA_DIR);
        }
        return dir;
      },
      keep: async (_jobId, _prefix, dir) => ({ output: path.join(dir, VIDEO_FILE) }),
    };
  }
  const storage = createStorage(config.storage, config.dataDir);
  return {
    // Never the web app's folder: this process may be on another machine.
    workDir: (jobId) => path.join(config.dataDir, "work", jobId),
    async keep(_jobId, prefix, dir, signal) {
      const stored = await uploadExportFiles(storage, prefix, dir, signal);
      return { output: `${prefix}/${VIDEO_FILE}`, stored };
    },
  };
}

export const WRONG_DATA_DIR =
  "The render worker cannot reach this server's files, so the export did not run; your credits were given back. Please tell the site's operator (with STORAGE=disk, workers need the web app's DATA_DIR).";

const inDir = (job: FilesOf, name: string): string | null => {
  const file = job.dir ? path.join(job.dir, name) : null;
  return file && fs.existsSync(file) ? file : null;
};
const removeDir = (job: FilesOf) => {
  if (job.dir) fs.rmSync(job.dir, { recursive: true, force: true });
};

function diskFiles(): ExportFiles {
  return {
    linksOnly: false,
    record: () => undefined,
    has: (job, name) => inDir(job, name) !== null,
    file: inDir,
    url: async () => null,
    localPath: async (job, name) => inDir(job, name),
    async forget(job) {
      removeDir(job);
    },
  };
}

function s3Files(db: Db, config: EngineConfig): ExportFiles {
  const objects = createExportObjects(db, createStorage(config.storage, config.dataDir));
  return {
    linksOnly: true,
    record: (jobId, stored) => objects.record(jobId, stored),
    has: (job, name) => objects.has(job.id, name),
    file() {
      throw new AppError(
        "conflict",
        "This export is kept in object storage (STORAGE=s3): download it through its link instead of reading the file.",
      );
    },
    url: (job, name, opts) => objects.url(job.id, name, opts),
    async localPath(job, name) {
      return objects.has(job.id, name) ? objects.storage.localPath(`${job.prefix}/${name}`) : null;
    },
    forget(job) {
      removeDir(job); // partial files of a failed render, at most
      return objects.forget(job.id, job.prefix);
    },
  };
}
