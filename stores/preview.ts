import { create } from "zustand";

// Preview renders the studio started: which draft version each shows, so the player
// plays a render only while it matches the timeline and falls back to the source otherwise.

interface PreviewState {
  /** Export job id of preview renders we started (hidden from the export list). */
  jobIds: string[];
  /** Draft version each preview job renders. */
  versionOf: Record<string, number>;
  /** URL of the newest finished preview and the draft version it shows. */
  ready: { url: string; version: number } | null;
  /** Remember a preview render we started and the draft version it shows. */
  track(jobId: string, version: number): void;
  /** A preview render finished: play it if it is the newest. */
  done(jobId: string, url: string): void;
  /** Adopt a preview the server already had (page load). */
  adopt(url: string, version: number): void;
  /** Forget everything (another project was opened). */
  reset(): void;
}

export const usePreviewStore = create<PreviewState>((set, get) => ({
  jobIds: [],
  versionOf: {},
  ready: null,
  track(jobId, version) {
    set((s) => ({ jobIds: [...s.jobIds, jobId], versionOf: { ...s.versionOf, [jobId]: version } }));
  },
  done(jobId, url) {
    const version = get().versionOf[jobId];
    if (version === undefined) return;
    const current = get().ready;
    if (!current || current.version <= version) set({ ready: { url, version } });
  },
  adopt(url, version) {
    if (!get().ready) set({ ready: { url, version } });
  },
  reset() {
    set({ jobIds: [], versionOf: {}, ready: null });
  },
}));
