import type { Readable } from "node:stream";
import { openMultipart } from "@/lib/media/open-multipart";
import { AppError } from "@/lib/errors";

// Parses a multipart body as a stream (busboy): each part in the "files" field is handed
// to `onFile` as it arrives, so files go to disk one chunk at a time. A failure of one
// file is recorded and the others go on, except a file over the size limit: then nothing
// more is stored (the rest of the request is read and dropped for a few seconds so the
// refusal reaches the client; see lingerThenClose).

export const FILE_FIELD = "files";
export const MAX_FILES_PER_REQUEST = 20;

export type FileOutcome<T> =
  { name: string; ok: true; value: T } | { name: string; ok: false; error: AppError };

export interface ReceiveOptions<T> {
  contentType: string;
  signal?: AbortSignal;
  /** Stores one file; must consume `stream` (or destroy it) and reject with an AppError on failure. */
  onFile: (name: string, stream: Readable) => Promise<T>;
}

const asAppError = (err: unknown): AppError =>
  err instanceof AppError
    ? err
    : new AppError("internal", "Something went wrong while saving this file. Please try again.", {
        cause: err,
      });

/** How long a refused request's remaining body is read and dropped so its answer gets through. */
export const LINGER_MS = 5_000;

/**
 * Stores nothing more but keeps reading (and dropping) what the client still sends, for
 * at most LINGER_MS, so the answer saying why (413 for a file over the limit) reaches it:
 * a socket closed with unread data is reset, and the client loses the answer with it.
 * Clients that read an early answer (curl, browsers) stop sending; others are cut off.
 */
function lingerThenClose(source: Readable): void {
  const timer = setTimeout(() => source.destroy(), LINGER_MS);
  timer.unref();
  const done = () => clearTimeout(timer);
  source.once("end", done);
  source.once("close", done);
  source.on("error", () => undefined); // the client hanging up now is expected
  source.resume();
}

export async function receiveMultipart<T>(
  source: Readable,
  opts: ReceiveOptions<T>,
): Promise<FileOutcome<T>[]> {
  // preservePath: see the name as sent, so "../x.mp4" is refused rather than silently cut.
  const bb = openMultipart(
    opts.contentType,
    {
      preservePath: true,
      limits: { files: MAX_FILES_PER_REQUEST, fields: 20, fieldSize: 64 * 1024 },
    },
    'The upload is not a multipart form. Send the files as multipart/form-data in the "files" field.',
  );

  if (opts.signal?.aborted) {
    source.destroy();
    throw new AppError(
      "cancelled",
      "The upload was interrupted before the file arrived completely. Nothing was saved; upload it again.",
    );
  }
  const outcomes: Promise<FileOutcome<T>>[] = [];
  const open = new Set<Readable>();
  let stopError: AppError | null = null;

  return new Promise<FileOutcome<T>[]>((resolve, reject) => {
    let settled = false;
    const finish = (err: AppError | null) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener("abort", onAbort);
      Promise.all(outcomes).then((done) => {
        if (err && done.length === 0) reject(err);
        else resolve(done);
      }, reject);
    };
    // Stop storing: the client went away, the body broke, or a file passed the limit.
    const stop = (err: AppError) => {
      stopError ??= err;
      for (const s of open) s.destroy(err);
      source.unpipe(bb);
      if (err.code === "cancelled") source.destroy();
      else lingerThenClose(source);
      finish(err);
    };
    const onAbort = () =>
      stop(
        new AppError(
          "cancelled",
          "The upload was interrupted before the file arrived completely. Nothing was saved; upload it again.",
        ),
      );
    opts.signal?.addEventListener("abort", onAbort, { once: true });

    bb.on("file", (field, stream, info) => {
      const name = info.filename ?? "";
      // Failures reach the caller through onFile's promise; a part destroyed after its
      // reader let go (or before anyone read it) must not surface as an uncaught 'error'.
      stream.on("error", () => undefined);
      if (stopError) return void stream.destroy(stopError);
      if (field !== FILE_FIELD) {
        stream.resume();
        outcomes.push(
          Promise.resolve({
            name,
            ok: false,
            error: new AppError(
              "bad_request",
              `Files must be sent in the "${FILE_FIELD}" field; "${field}" was ignored.`,
            ),
          }),
        );
        return;
      }
      open.add(stream);
      stream.once("close", () => open.delete(stream));
      outcomes.push(
        opts.onFile(name, stream).then(
          (value): FileOutcome<T> => ({ name, ok: true, value }),
          (err): FileOutcome<T> => {
            const e = asAppError(err);
            // A stream destroyed midway (limit passed, disk error, abort) would stall the
            // parser for good: stop reading the request. Otherwise skip the refused file.
            if (e.code === 4002 || (stream.destroyed && !stream.readableEnded)) stop(e);
            else if (!stream.readableEnded) stream.resume();
            return { name, ok: false, error: e };
          },
        ),
      );
    });
    bb.on("filesLimit", () =>
      stop(
        new AppError(
          "bad_request",
          `At most ${MAX_FILES_PER_REQUEST} files can be sent at once. Upload the rest in another batch.`,
        ),
      ),
    );
    bb.on("error", (err) =>
      stop(
        new AppError(
          "bad_request",
          "The upload was interrupted or malformed. Nothing partial was kept; upload the files again.",
          { cause: err },
        ),
      ),
    );
    bb.on("close", () => finish(null));
    source.on("error", (err) =>
      stop(
        new AppError(
          "cancelled",
          "The upload was interrupted before the file arrived completely. Nothing was saved; upload it again.",
          { cause: err },
        ),
      ),
    );
    source.pipe(bb);
  });
}
