import "server-only";
import { AppError } from "@/lib/errors";
import type { Engine } from "@/lib/engine/create-engine";
import { readableFromWeb } from "@/lib/engine/ingest/readable-from-web";
import type { IngestResult } from "@/lib/engine/media/media-library";
import { toItem } from "./convert";
import type { UploadResult } from "@/lib/media/schema";
import type { Backend, Caller } from "../types";

type MediaPart = Pick<Backend, "upload" | "importUrls" | "listMedia" | "mediaFile" | "deleteMedia">;

/** One file that did not make it, in a batch where others did. */
export interface UploadFailure {
  name: string;
  code: AppError["code"];
  message: string;
}

/** UploadResult plus per-file failures (the good files of a batch are always kept). */
export type UploadOutcome = UploadResult & { failed: UploadFailure[] };

// A batch keeps every file that arrived whole and checked out: a user who drops five
// clips and has one refused expects the other four in the bin. When nothing in the
// batch worked, the answer is the (first) file's error itself, with its HTTP status.
export function shapeOutcome(result: IngestResult): UploadOutcome {
  const failed = result.failed.map((f) => ({
    name: f.name,
    code: f.error.code,
    message: f.error.message,
  }));
  if (result.files.length === 0 && result.failed.length > 0) {
    const first = result.failed[0].error;
    if (result.failed.length === 1) throw first;
    throw new AppError(first.code, first.message, { status: first.status, details: { failed } });
  }
  return { files: result.files.map(toItem), failed };
}

export function localMediaPart(engine: Engine): MediaPart {
  const owned = (caller: Caller) => engine.forCaller(caller.token, caller.sessionId).sessionId;

  return {
    async upload(caller, input) {
      const sessionId = owned(caller);
      if (!/^multipart\/form-data/i.test(input.contentType)) {
        throw new AppError(
          "bad_request",
          'Send files as multipart/form-data in the "files" field, or JSON {"urls": [...]} to import links.',
        );
      }
      const body = input.nodeBody ?? readableFromWeb(input.body);
      return shapeOutcome(
        await engine.media.upload(sessionId, body, input.contentType, caller.signal),
      );
    },
    async importUrls(caller, urls) {
      const sessionId = owned(caller);
      return shapeOutcome(await engine.media.importUrls(sessionId, urls, caller.signal));
    },
    async listMedia(caller) {
      return engine.media.list(owned(caller)).map(toItem);
    },
    async mediaFile(caller, mediaId, variant) {
      const f = engine.media.file(owned(caller), mediaId, variant);
      return {
        kind: "file",
        path: f.path,
        contentType: f.contentType,
        filename: f.filename,
        immutable: f.immutable,
      };
    },
    async deleteMedia(caller, mediaId) {
      await engine.media.delete(owned(caller), mediaId);
    },
  };
}
