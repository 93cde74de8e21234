import { AppError, errorFromBody } from "@/lib/errors";
import type { UploadResult } from "@/lib/media/schema";

// fetch() cannot report upload progress, so uploads go through XMLHttpRequest: one
// request per file, so each file has its own progress bar and its own cancel.

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadHandle {
  promise: Promise<UploadResult>;
  abort(): void;
}

/** The subset of XMLHttpRequest we use, so tests can pass a fake. */
export type XhrLike = Pick<
  XMLHttpRequest,
  "open" | "send" | "abort" | "setRequestHeader" | "status" | "responseText"
> & {
  upload: {
    onprogress: ((ev: { loaded: number; total: number; lengthComputable: boolean }) => void) | null;
  };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  withCredentials: boolean;
};

export interface UploadOptions {
  onProgress?: (p: UploadProgress) => void;
  url?: string;
  createXhr?: () => XhrLike;
}

export function uploadFile(file: File, opts: UploadOptions = {}): UploadHandle {
  const xhr = opts.createXhr ? opts.createXhr() : (new XMLHttpRequest() as unknown as XhrLike);
  const promise = new Promise<UploadResult>((resolve, reject) => {
    xhr.upload.onprogress = (ev) => {
      opts.onProgress?.({ loaded: ev.loaded, total: ev.lengthComputable ? ev.total : file.size });
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (
        xhr.status >= 200 &&
        xhr.status < 300 &&
        body &&
        Array.isArray((body as UploadResult).files)
      ) {
        resolve(body as UploadResult);
      } else {
        reject(errorFromBody(body, xhr.status || 500));
      }
    };
    xhr.onerror = () =>
      reject(
        new AppError(
          "unavailable",
          "The upload was interrupted. Check your connection and try again.",
        ),
      );
    xhr.onabort = () => reject(new AppError("cancelled", "Upload cancelled."));
    const form = new FormData();
    form.append("files", file, file.name);
    xhr.open("POST", opts.url ?? "/api/upload");
    xhr.withCredentials = true;
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
