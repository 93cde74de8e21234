import { newId } from "../ids";
import type { Db } from "../store/open-database";

// The `shares` table: one public link per finished export, made when it completes,
// withdrawn on request, expiring after SHARE_LINK_DAYS (0: never). Every query of the
// table lives here.

export interface Shares {
  /** Makes the export's link (once; a second call keeps the first). */
  create(jobId: string): void;
  /** The job's link while it works: not revoked, not expired. */
  activeIdOf(jobId: string): string | null;
  /** The job a working link points to. */
  jobOf(shareId: string): string | null;
  revoke(jobId: string): void;
  removeFor(jobId: string): void;
}

export function createShares(
  db: Db,
  opts: { linkDays: number },
  now: () => number = () => Date.now(),
): Shares {
  const working = "revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)";
  return {
    create(jobId) {
      const at = now();
      const expires = opts.linkDays > 0 ? at + opts.linkDays * 86_400_000 : null;
      db.prepare(
        "INSERT OR IGNORE INTO shares (id, job_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
      ).run(newId("shr", 18), jobId, at, expires);
    },
    activeIdOf(jobId) {
      const r = db
        .prepare(`SELECT id FROM shares WHERE job_id = ? AND ${working}`)
        .get(jobId, now()) as { id: string } | undefined;
      return r?.id ?? null;
    },
    jobOf(shareId) {
      const r = db
        .prepare(`SELECT job_id FROM shares WHERE id = ? AND ${working}`)
        .get(shareId, now()) as { job_id: string } | undefined;
      return r?.job_id ?? null;
    },
    revoke(jobId) {
      db.prepare("UPDATE shares SET revoked_at = ? WHERE job_id = ? AND revoked_at IS NULL").run(
        now(),
        jobId,
      );
    },
    removeFor(jobId) {
      db.prepare("DELETE FROM shares WHERE job_id = ?").run(jobId);
    },
  };
}
