import { create } from "zustand";

// Files on their way into the media bin, each with its own progress and outcome.

export type UploadStatus = "uploading" | "processing" | "done" | "failed" | "cancelled" | "refused";

export interface UploadEntry {
  id: string;
  name: string;
  size: number;
  /** Bytes sent so far. */
  loaded: number;
  status: UploadStatus;
  /** The sentence shown for refused, failed or cancelled files. */
  message: string | null;
  /** When the upload started (ms since epoch), for the time left. */
  startedAt: number;
  /** Bytes the server already had when this upload carried on from an earlier one (0 = fresh). */
  resumedFrom: number;
}

interface UploadsState {
  /** Newest first. */
  entries: UploadEntry[];
  /** A new row (uploading, or refused before sending). */
  add(entry: Omit<UploadEntry, "loaded" | "startedAt" | "resumedFrom">): void;
  /** It carries on from `offset` bytes already on the server (the time left counts from now). */
  resumed(id: string, offset: number): void;
  /** Bytes sent so far. */
  progress(id: string, loaded: number): void;
  /** The outcome, with its sentence when it failed. */
  settle(id: string, status: UploadStatus, message?: string | null): void;
  /** Remove one row. */
  dismiss(id: string): void;
  /** Forget finished rows (done/cancelled), keep failures visible. */
  clearFinished(): void;
}

export const useUploadsStore = create<UploadsState>((set) => ({
  entries: [],
  add(entry) {
    set((s) => ({
      entries: [{ ...entry, loaded: 0, startedAt: Date.now(), resumedFrom: 0 }, ...s.entries],
    }));
  },
  resumed(id, offset) {
    set((s) => ({
      entries: s.entries.map((e) =>
        e.id === id ? { ...e, loaded: offset, resumedFrom: offset, startedAt: Date.now() } : e,
      ),
    }));
  },
  progress(id, loaded) {
    set((s) => ({
      entries: s.entries.map((e) =>
        e.id === id
          ? {
              ...e,
              loaded,
              status: loaded >= e.size && e.status === "uploading" ? "processing" : e.status,
            }
          : e,
      ),
    }));
  },
  settle(id, status, message = null) {
    set((s) => ({
      entries: s.entries.map((e) =>
        e.id === id ? { ...e, status, message, loaded: status === "done" ? e.size : e.loaded } : e,
      ),
    }));
  },
  dismiss(id) {
    set((s) => ({ entries: s.entries.filter((e) => e.id !== id) }));
  },
  clearFinished() {
    set((s) => ({
      entries: s.entries.filter((e) => e.status !== "done" && e.status !== "cancelled"),
    }));
  },
}));
