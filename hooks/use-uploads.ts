"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { MAX_UPLOAD_BYTES, refusalReason } from "@/lib/client/check-file";
import { uploadFile, type UploadHandle } from "@/lib/client/upload-file";
import { uploadResumable } from "@/lib/client/upload-resumable";
import { api } from "@/lib/client/api";
import { isAppError } from "@/lib/errors";
import type { MediaItem, UploadResult } from "@/lib/media/schema";
import { useUploadsStore } from "@/stores/uploads";
import { patchState, STATE_KEY } from "./use-session-state";

// In-flight requests, by upload id: aborting needs the handle, the store keeps only data.
const handles = new Map<string, UploadHandle>();
let seq = 0;

export function mergeMedia(current: MediaItem[], added: MediaItem[]): MediaItem[] {
  const ids = new Set(added.map((m) => m.id));
  return [...current.filter((m) => !ids.has(m.id)), ...added];
}

export interface UploadMode {
  /** Send through tus (/api/tus): resumes after a dropped connection or a reload. The nemo backend has no tus route. */
  resumable: boolean;
  /** Bytes per tus request (UPLOAD_CHUNK_MB); 0 = whole file. */
  chunkBytes: number;
}

/** Uploads dropped files one upload each (own progress, own cancel) and fills the media bin. */
export function useUploads(
  maxBytes = MAX_UPLOAD_BYTES,
  mode: UploadMode = { resumable: false, chunkBytes: 0 },
) {
  const qc = useQueryClient();

  const arrived = useCallback(
    (result: UploadResult) => {
      patchState(qc, (s) => ({ media: mergeMedia(s.media, result.files) }));
      void qc.invalidateQueries({ queryKey: STATE_KEY });
    },
    [qc],
  );

  const upload = useCallback(
    (files: File[]) => {
      const store = useUploadsStore.getState();
      for (const file of files) {
        const id = `up-${Date.now().toString(36)}-${seq++}`;
        const refused = refusalReason(file, maxBytes);
        if (refused) {
          store.add({ id, name: file.name, size: file.size, status: "refused", message: refused });
          continue;
        }
        store.add({ id, name: file.name, size: file.size, status: "uploading", message: null });
        const onProgress = (p: { loaded: number }) =>
          useUploadsStore.getState().progress(id, p.loaded);
        const handle = mode.resumable
          ? uploadResumable(file, {
              onProgress,
              chunkBytes: mode.chunkBytes,
              onResume: (offset) => useUploadsStore.getState().resumed(id, offset),
            })
          : uploadFile(file, { onProgress });
        handles.set(id, handle);
        handle.promise
          .then((result) => {
            useUploadsStore.getState().settle(id, "done");
            arrived(result);
          })
          .catch((err: unknown) => {
            const cancelled = isAppError(err) && err.code === "cancelled";
            const message = isAppError(err) ? err.message : "The upload failed. Please try again.";
            useUploadsStore.getState().settle(id, cancelled ? "cancelled" : "failed", message);
          })
          .finally(() => handles.delete(id));
      }
    },
    [arrived, maxBytes, mode.resumable, mode.chunkBytes],
  );

  /** Files react-dropzone refused before any upload, with our sentence. */
  const refuse = useCallback((file: { name: string; size: number }, reason: string) => {
    useUploadsStore.getState().add({
      id: `up-${Date.now().toString(36)}-${seq++}`,
      name: file.name,
      size: file.size,
      status: "refused",
      message: reason,
    });
  }, []);

  const cancel = useCallback((id: string) => handles.get(id)?.abort(), []);

  const importUrls = useCallback(
    async (urls: string[]) => {
      const result = await api<UploadResult>("/api/upload", { method: "POST", json: { urls } });
      arrived(result);
      return result;
    },
    [arrived],
  );

  return { upload, refuse, cancel, importUrls };
}
