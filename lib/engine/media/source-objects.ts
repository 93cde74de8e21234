import fs from "node:fs";
import path from "node:path";
import type { EngineConfig } from "../engine-config";
import { createStorage } from "../storage/create-storage";

// Uploaded sources on the configured storage. With STORAGE=s3 each upload is copied to
// the bucket as well, under media/<sessionId>/<mediaId>/<file>, right after it is
// accepted (background work of the item), so a render worker whose disk does not hold
// the file reads it from the bucket: `localPath` downloads it once into the storage's
// local cache. With STORAGE=disk the uploaded file is the only copy and is read in place.

export interface SourceRef {
  /** Where the web app stored the upload. */
  path: string;
  /** Its key on the storage (absent in exports queued before sources were stored). */
  key?: string;
}

export interface SourceObjects {
  /** Copies an accepted upload to the storage (disk: nothing to do). */
  keep(sessionId: string, mediaId: string, file: string): Promise<void>;
  /** Removes the stored copies of one media item, or of a whole project without `mediaId`. */
  forget(sessionId: string, mediaId?: string): Promise<void>;
  /** A path ffmpeg can read for this source: the upload itself when this disk has it, else a cached copy from the storage. */
  localPath(source: SourceRef): Promise<string>;
}

export const sourceKey = (sessionId: string, mediaId: string, file: string) =>
  `media/${sessionId}/${mediaId}/${path.basename(file)}`;

export function createSourceObjects(
  config: Pick<EngineConfig, "storage" | "dataDir">,
): SourceObjects {
  if (config.storage.STORAGE !== "s3") {
    return {
      keep: async () => undefined,
      forget: async () => undefined,
      localPath: async (s) => s.path,
    };
  }
  const storage = createStorage(config.storage, config.dataDir);
  return {
    keep: (sessionId, mediaId, file) => storage.putFile(sourceKey(sessionId, mediaId, file), file),
    forget: (sessionId, mediaId) =>
      storage.deletePrefix(mediaId ? `media/${sessionId}/${mediaId}/` : `media/${sessionId}/`),
    async localPath(s) {
      if (fs.existsSync(s.path) || !s.key) return s.path; // renderDraft says which file is missing
      return storage.localPath(s.key);
    },
  };
}
