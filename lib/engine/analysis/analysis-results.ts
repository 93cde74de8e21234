import type { Db } from "../store/open-database";

// The one owner of the `analysis_results` table: finished analysis passes per media item
// (the intro, the pauses), so asking again, in this turn or a later one, does not read an
// hour of media again. Concurrent asks for the same pass share one run. A media item's
// rows go with it (trigger in migrations.ts); a failed or cancelled run stores nothing.

export type AnalysisKind = "intro" | "silences";

export interface AnalysisResults {
  /** The stored result, or runs `make` once (callers asking meanwhile share that run) and stores it. */
  remember<T>(
    mediaId: string,
    kind: AnalysisKind,
    params: Record<string, unknown>,
    make: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<{ value: T; cached: boolean }>;
  /** The stored result, without running anything. */
  peek<T>(mediaId: string, kind: AnalysisKind, params: Record<string, unknown>): T | undefined;
}

/** Params as a stable string: same keys in any order, undefined left out. */
export function paramsKey(params: Record<string, unknown>): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(params)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
}

export function createAnalysisResults(db: Db, now: () => number = Date.now): AnalysisResults {
  const read = db.prepare(
    "SELECT result FROM analysis_results WHERE media_id = ? AND kind = ? AND params = ?",
  );
  const write = db.prepare(
    "INSERT OR REPLACE INTO analysis_results (media_id, kind, params, result, created_at) VALUES (?, ?, ?, ?, ?)",
  );
  const running = new Map<string, Promise<unknown>>();

  function peek<T>(
    mediaId: string,
    kind: AnalysisKind,
    params: Record<string, unknown>,
  ): T | undefined {
    const row = read.get(mediaId, kind, paramsKey(params)) as { result: string } | undefined;
    return row ? (JSON.parse(row.result) as T) : undefined;
  }

  return {
    peek,
    async remember<T>(
      mediaId: string,
      kind: AnalysisKind,
      params: Record<string, unknown>,
      make: () => Promise<T>,
      signal?: AbortSignal,
    ) {
      const stored = peek<T>(mediaId, kind, params);
      if (stored !== undefined) return { value: stored, cached: true };
      const key = `${mediaId}|${kind}|${paramsKey(params)}`;
      const joined = running.get(key) as Promise<T> | undefined;
      if (joined) {
        try {
          return { value: await joined, cached: false };
        } catch (err) {
          // The run we joined was stopped by its own caller; ours goes on unless we were stopped too.
          if (signal?.aborted) throw err;
        }
      }
      const run = make().then((value) => {
        write.run(mediaId, kind, paramsKey(params), JSON.stringify(value ?? null), now());
        return value;
      });
      running.set(key, run);
      try {
        return { value: await run, cached: false };
      } finally {
        if (running.get(key) === run) running.delete(key);
      }
    },
  };
}
