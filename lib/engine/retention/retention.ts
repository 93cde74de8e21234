import fs from "node:fs";
import type { Db } from "../store/open-database";
import type { Exports, MediaLibrary, Retention } from "../api";
import { deleteToken, expiredTokenIds } from "../accounts/accounts";
import { createJobStore } from "../jobs/job-store";
import { createSessionsStore } from "../store/sessions-store";
import { removeProjectFiles, removeProjectRows } from "./remove-project";

// Nothing used to be deleted, ever. Now: a project can be deleted by its owner, the
// projects of tokens that expired more than RETENTION_DAYS ago are removed (media,
// drafts, exports, share links), and finished previews older than PREVIEW_RETENTION_HOURS
// are pruned (each session keeps its newest for the player). sweep() runs at start and
// every hour in the web process (lib/server/engine.ts).

export interface RetentionOptions {
  dataDir: string;
  retentionDays: number;
  previewHours: number;
  now?: () => number;
}

export interface SweepResult {
  projects: number;
  tokens: number;
  previews: number;
}

export function createRetention(
  db: Db,
  parts: { media: MediaLibrary; exports: Exports; cancelJob: (jobId: string) => void },
  opts: RetentionOptions,
): Retention {
  const now = opts.now ?? (() => Date.now());
  const sessionsStore = createSessionsStore(db);
  const jobs = createJobStore(db);

  async function removeProject(sessionId: string): Promise<void> {
    const unfinished = jobs.unfinishedInSession(sessionId);
    for (const j of unfinished) parts.cancelJob(j.id);
    await parts.media.forgetSession(sessionId);
    await Promise.all(unfinished.map((j) => parts.exports.settled(j.id)));
    await parts.exports.forgetSession(sessionId);
    removeProjectRows(db, sessionId);
    removeProjectFiles(opts.dataDir, sessionId);
  }

  async function sweep(): Promise<SweepResult> {
    const t = now();
    const cutoff = t - opts.retentionDays * 86_400_000;
    const tokens = expiredTokenIds(db, cutoff);
    let projects = 0;
    for (const tokenId of tokens) {
      for (const sessionId of sessionsStore.idsOfToken(tokenId)) {
        await removeProject(sessionId);
        projects++;
      }
      deleteToken(db, tokenId);
    }
    // Old finished previews, except each session's newest (the player's).
    const old = jobs.oldPreviews(t - opts.previewHours * 3_600_000);
    for (const p of old) {
      const dir = (p.payload as { dir?: unknown } | null)?.dir;
      // An unreadable payload holds no folder we know of: only the row goes.
      if (typeof dir === "string" && dir) fs.rmSync(dir, { recursive: true, force: true });
      jobs.remove(p.id);
    }
    return { projects, tokens: tokens.length, previews: old.length };
  }

  return { removeProject, sweep };
}

export type { Retention } from "../api";
