import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { Server, type Upload } from "@tus/server";
import { AppError } from "@/lib/errors";
import type { Engine } from "@/lib/engine/create-engine";
import { checkFileName } from "@/lib/engine/ingest/check-file-name";
import {
  SocketFileStore,
  YieldingLocker,
  uploadRequest,
} from "@/lib/engine/ingest/resumable-store";
import { tooLargeError } from "@/lib/engine/ingest/write-hashed";
import type { Caller } from "../types";
import { shapeOutcome } from "./media";

// Resumable uploads with the tus protocol (@tus/server): POST /api/tus creates an upload
// (Upload-Length, Upload-Metadata filename), PATCH sends bytes from an offset, HEAD says
// how far it got, DELETE gives up. Each upload belongs to the session that created it
// (kept in its metadata, set here, never by the client); any other session gets a 404.
// After the last byte the file goes through the same checks as a multipart upload
// (engine.media.ingestFile) and the PATCH answers with the same JSON as POST /api/upload.

export const TUS_PATH = "/api/tus";
const OWNER = "vsoSession";

const notFound = () =>
  new AppError(
    "not_found",
    "This upload is not on the server any more (finished, given up, or left unfinished too long). Upload the file again.",
  );

/** tus's own refusals ({ status_code, body }) as our sentences. */
function fromTus(err: { status_code?: number; body?: string }, maxBytes: number): AppError {
  const status = err.status_code ?? 500;
  if (status === 413) return tooLargeError(maxBytes);
  if (status === 404 || status === 410) return notFound();
  if (status === 409)
    return new AppError(
      "conflict",
      "The upload and the server disagree on how much has arrived. It will ask the server and go on from there.",
      { status },
    );
  if (status >= 500)
    return new AppError(
      "internal",
      "Something went wrong while saving this file. It will go on from where it stopped when you try again.",
      { status, cause: err },
    );
  return new AppError("bad_request", (err.body ?? "The upload request was not valid.").trim(), {
    status,
  });
}

export interface ResumableUploads {
  handle(sessionId: string, req: Request, nodeBody: Readable | null): Promise<Response>;
  /** Removes unfinished uploads older than UPLOAD_EXPIRY_HOURS; returns how many. */
  cleanExpired(): Promise<number>;
}

export function createResumableUploads(engine: Engine): ResumableUploads {
  const { config } = engine;
  const directory = path.join(config.dataDir, "uploads");
  const store = new SocketFileStore({
    directory,
    expirationPeriodInMilliseconds: config.uploadExpiryMs,
  });

  async function ingest(upload: Upload) {
    const sessionId = upload.metadata?.[OWNER];
    if (!sessionId) throw notFound();
    const file = path.join(directory, upload.id);
    const hash = store.finishedHash(upload.id, upload.size ?? -1);
    try {
      // Not tied to the request: every byte is here, so a client that leaves now still finds the clip in its bin.
      const outcome = shapeOutcome(
        await engine.media.ingestFile(sessionId, file, upload.metadata?.filename ?? "", {
          hash: hash ?? undefined,
        }),
      );
      return {
        status_code: 200,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(outcome),
      };
    } finally {
      await store.configstore.delete(upload.id);
      await fs.promises.rm(file, { force: true });
    }
  }

  const tus = new Server({
    path: TUS_PATH,
    datastore: store,
    locker: new YieldingLocker(),
    relativeLocation: true,
    maxSize: config.maxUploadBytes,
    async onIncomingRequest(req, id) {
      if (req.method === "POST") return;
      let owner: string | null | undefined;
      try {
        owner = (await store.getUpload(id)).metadata?.[OWNER];
      } catch {
        return; // tus answers 404 / 410 itself
      }
      if (owner !== uploadRequest.getStore()?.sessionId) throw notFound();
    },
    async onUploadCreate(_req, upload) {
      const sessionId = uploadRequest.getStore()?.sessionId;
      if (!sessionId) throw notFound();
      if (upload.size === undefined)
        throw new AppError(
          "bad_request",
          "Say the file's size (Upload-Length) when starting an upload; uploads of unknown length are not taken.",
        );
      if (upload.size === 0)
        throw new AppError(
          4001,
          "The file is empty (0 bytes). Check that it finished saving or downloading, then upload it again.",
        );
      checkFileName(upload.metadata?.filename ?? "");
      engine.media.ensureRoom(sessionId, upload.size);
      return { metadata: { ...upload.metadata, [OWNER]: sessionId } };
    },
    onUploadFinish: (_req, upload) => ingest(upload),
    onResponseError(_req, err) {
      const appErr =
        err instanceof AppError
          ? err
          : fromTus(err as { status_code?: number; body?: string }, config.maxUploadBytes);
      if (appErr.code === "internal") console.error("[tus]", appErr.cause ?? appErr);
      return { status_code: appErr.status, body: JSON.stringify(appErr.toBody()) };
    },
  });

  const cleanExpired = () => tus.cleanUpExpiredUploads();
  const sweep = () =>
    void cleanExpired().catch((err) =>
      console.error("[tus] removing expired uploads failed:", err),
    );
  setInterval(sweep, Math.min(config.uploadExpiryMs, 3600_000)).unref();
  setTimeout(sweep, 10_000).unref();

  return {
    handle(sessionId, req, nodeBody) {
      // With the socket's stream in hand, tus gets the request without its body (it would read the web stream).
      const request = nodeBody
        ? new Request(req.url, { method: req.method, headers: req.headers })
        : req;
      return uploadRequest.run({ sessionId, body: nodeBody, yielded: new AbortController() }, () =>
        tus.handleWeb(request),
      );
    },
    cleanExpired,
  };
}

const perEngine = new WeakMap<Engine, ResumableUploads>();

/** The engine's one tus server (made at its first request). */
export function resumableUploadsOf(engine: Engine): ResumableUploads {
  let found = perEngine.get(engine);
  if (!found) perEngine.set(engine, (found = createResumableUploads(engine)));
  return found;
}

export function localResumablePart(engine: Engine) {
  const uploads = () => resumableUploadsOf(engine);
  return {
    async resumableUpload(
      caller: Caller,
      req: Request,
      nodeBody: Readable | null,
    ): Promise<Response> {
      const { sessionId } = engine.forCaller(caller.token, caller.sessionId);
      return uploads().handle(sessionId, req, nodeBody);
    },
  };
}
