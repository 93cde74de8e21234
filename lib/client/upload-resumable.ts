import { Upload, type DetailedError, type HttpResponse } from "tus-js-client";
import { AppError, errorFromBody } from "@/lib/errors";
import type { UploadResult } from "@/lib/media/schema";
import type { UploadHandle, UploadProgress } from "./upload-file";

// Uploads through the tus protocol (tus-js-client against /api/tus): a dropped connection
// is retried from the byte the server has, and a page reload resumes too once the same
// file is dropped again (tus-js-client keeps each upload's URL in localStorage under the
// file's fingerprint: name, type, size, last modified). The finishing request answers
// with the same JSON as POST /api/upload, refusals included.

export const TUS_ENDPOINT = "/api/tus";

/** Waits between retries after a failed request (ms); then the upload fails and can be dropped again. */
export const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000];

export interface ResumableOptions {
  onProgress?: (p: UploadProgress) => void;
  /** Called once when this upload carries on from an earlier one (bytes already on the server). */
  onResume?: (offset: number) => void;
  /** Bytes per request; 0 or absent sends the rest of the file in one request. */
  chunkBytes?: number;
  endpoint?: string;
}

function parse(body: string | undefined): unknown {
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}

/** The server's sentence from a failed tus request, or ours when the network failed. */
export function tusError(err: Error | DetailedError): AppError {
  const res: HttpResponse | null | undefined = (err as DetailedError).originalResponse;
  if (!res || res.getStatus() === 0) {
    return new AppError(
      "unavailable",
      "The connection dropped and did not come back. Drop the same file again to carry on from where it stopped.",
    );
  }
  return errorFromBody(parse(res.getBody()), res.getStatus());
}

/** The finishing answer; a resume of an upload already complete has none (the bin refreshes instead). */
export function tusResult(body: string | undefined): UploadResult {
  const parsed = parse(body) as UploadResult | undefined;
  return parsed && Array.isArray(parsed.files)
    ? parsed
    : ({ files: [], failed: [] } as unknown as UploadResult);
}

export function uploadResumable(file: File, opts: ResumableOptions = {}): UploadHandle {
  let cancelled = false;
  let settle: { reject(err: AppError): void } | null = null;
  let resumed = false;
  const upload = new Upload(file, {
    endpoint: opts.endpoint ?? TUS_ENDPOINT,
    chunkSize: opts.chunkBytes && opts.chunkBytes > 0 ? opts.chunkBytes : Number.POSITIVE_INFINITY,
    retryDelays: RETRY_DELAYS,
    metadata: { filename: file.name, filetype: file.type },
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    onProgress: (sent, total) => opts.onProgress?.({ loaded: sent, total }),
    // A HEAD is how tus asks where an earlier attempt stopped: its answer is the resume point.
    onAfterResponse: (req, res) => {
      const offset = Number(res.getHeader("Upload-Offset"));
      if (!resumed && req.getMethod() === "HEAD" && offset > 0) {
        resumed = true;
        opts.onResume?.(offset);
      }
    },
  });
  const promise = new Promise<UploadResult>((resolve, reject) => {
    settle = { reject };
    upload.options.onSuccess = ({ lastResponse }) => resolve(tusResult(lastResponse?.getBody()));
    upload.options.onError = (err) => reject(tusError(err));
    void upload
      .findPreviousUploads()
      .then((previous) => {
        if (cancelled) return;
        const latest = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
        if (latest) upload.resumeFromPreviousUpload(latest);
        upload.start();
      })
      .catch(() => upload.start());
  });
  return {
    promise,
    abort() {
      cancelled = true;
      // Cancel means give up: the server removes what it has (DELETE), the fingerprint goes.
      void upload.abort(true).catch(() => undefined);
      settle?.reject(new AppError("cancelled", "Upload cancelled."));
    },
  };
}
