import type { Db } from "../store/open-database";

// Rows of the `jobs` table. Status moves pending -> processing -> completed | failed |
// cancelled; the move into a final status happens once (guarded in SQL), so credits are
// settled exactly once even if a cancel and a failure race.

export type JobStatus = "pending" | "processing" | "completed" | "failed" | "cancelled";
export const FINAL_STATUSES: JobStatus[] = ["completed", "failed", "cancelled"];

export interface JobRow {
  id: string;
  sessionId: string;
  tokenId: string | null;
  kind: string;
  status: JobStatus;
  /** 0..100 */
  progress: number;
  eta: number | null;
  preset: string | null;
  payload: unknown;
  output: string | null;
  error: string | null;
  credits: number;
  attempts: number;
  /** Which queue runs it: "host:pid:instance" (see runner.ts). */
  runner: string | null;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  session_id: string;
  token_id: string | null;
  kind: string;
  status: JobStatus;
  progress: number;
  eta: number | null;
  preset: string | null;
  payload: string;
  output: string | null;
  error: string | null;
  credits: number;
  attempts: number;
  runner: string | null;
  created_at: number;
  updated_at: number;
}

const toJob = (r: Row): JobRow => ({
  id: r.id,
  sessionId: r.session_id,
  tokenId: r.token_id,
  kind: r.kind,
  status: r.status,
  progress: r.progress,
  eta: r.eta,
  preset: r.preset,
  payload: safeJson(r.payload),
  output: r.output,
  error: r.error,
  credits: r.credits,
  attempts: r.attempts,
  runner: r.runner,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface NewJob {
  id: string;
  sessionId: string;
  tokenId: string | null;
  kind: string;
  preset: string | null;
  payload: unknown;
  credits: number;
}

export type JobStore = ReturnType<typeof createJobStore>;

export function createJobStore(db: Db, now: () => number = () => Date.now()) {
  const get = (id: string): JobRow | null => {
    const r = db.prepare("SELECT * FROM jobs WHERE id = ?").get(id) as Row | undefined;
    return r ? toJob(r) : null;
  };

  return {
    get,
    insert(job: NewJob): JobRow {
      const t = now();
      db.prepare(
        `INSERT INTO jobs (id, session_id, token_id, kind, status, progress, preset, payload, credits, attempts, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?, 0, ?, ?)`,
      ).run(
        job.id,
        job.sessionId,
        job.tokenId,
        job.kind,
        job.preset,
        JSON.stringify(job.payload),
        job.credits,
        t,
        t,
      );
      return get(job.id)!;
    },
    listBySession(sessionId: string, kinds: string[]): JobRow[] {
      const marks = kinds.map(() => "?").join(",");
      return (
        db
          .prepare(
            `SELECT * FROM jobs WHERE session_id = ? AND kind IN (${marks}) ORDER BY created_at DESC, rowid DESC`,
          )
          .all(sessionId, ...kinds) as Row[]
      ).map(toJob);
    },
    latest(sessionId: string, kind: string, status: JobStatus): JobRow | null {
      const r = db
        .prepare(
          "SELECT * FROM jobs WHERE session_id = ? AND kind = ? AND status = ? ORDER BY updated_at DESC, rowid DESC LIMIT 1",
        )
        .get(sessionId, kind, status) as Row | undefined;
      return r ? toJob(r) : null;
    },
    /** pending -> processing; false when the job is no longer pending (cancelled meanwhile). */
    claim(id: string, runner: string): boolean {
      return (
        db
          .prepare(
            "UPDATE jobs SET status = 'processing', attempts = attempts + 1, runner = ?, updated_at = ? WHERE id = ? AND status = 'pending'",
          )
          .run(runner, now(), id).changes === 1
      );
    },
    /** Which worker runs a processing job now, and how many runs it has had (a BullMQ worker says so as it starts). */
    runBy(id: string, runner: string, attempts: number): void {
      db.prepare(
        "UPDATE jobs SET runner = ?, attempts = MAX(attempts, ?) WHERE id = ? AND status = 'processing'",
      ).run(runner, attempts, id);
    },
    progress(id: string, progress: number, eta: number | null): void {
      db.prepare(
        "UPDATE jobs SET progress = ?, eta = ?, updated_at = ? WHERE id = ? AND status = 'processing'",
      ).run(progress, eta, now(), id);
    },
    /** Moves an unfinished job to a final status; false when it had already finished. */
    finish(
      id: string,
      status: Exclude<JobStatus, "pending" | "processing">,
      fields: { output?: string | null; error?: string | null } = {},
    ): boolean {
      const res = db
        .prepare(
          `UPDATE jobs SET status = ?, output = ?, error = ?, progress = CASE WHEN ? = 'completed' THEN 100 ELSE progress END, eta = NULL, updated_at = ?
           WHERE id = ? AND status IN ('pending', 'processing')`,
        )
        .run(status, fields.output ?? null, fields.error ?? null, status, now(), id);
      return res.changes === 1;
    },
    /** Pending or processing jobs of one kind, by token or by session, oldest first. */
    unfinishedOf(where: { tokenId: string } | { sessionId: string }, kind: string): JobRow[] {
      const [col, value] =
        "tokenId" in where ? ["token_id", where.tokenId] : ["session_id", where.sessionId];
      return (
        db
          .prepare(
            `SELECT * FROM jobs WHERE ${col} = ? AND kind = ? AND status IN ('pending', 'processing') ORDER BY created_at, rowid`,
          )
          .all(value, kind) as Row[]
      ).map(toJob);
    },
    /** Deletes a finished job's row (its files and links are gone already). */
    remove(id: string): void {
      db.prepare("DELETE FROM jobs WHERE id = ?").run(id);
    },
    /**
     * processing -> pending, when `runner` (a dead process, or this one handing the job back)
     * still holds it: the next worker claims it afresh. False when someone else has it.
     */
    release(id: string, runner: string | null): boolean {
      return (
        db
          .prepare(
            "UPDATE jobs SET status = 'pending', progress = 0, eta = NULL, runner = NULL WHERE id = ? AND status = 'processing' AND runner IS ?",
          )
          .run(id, runner).changes === 1
      );
    },
    /** Unfinished jobs of one session, any kind (a project being removed). */
    unfinishedInSession(sessionId: string): JobRow[] {
      return (
        db
          .prepare(
            "SELECT * FROM jobs WHERE session_id = ? AND status IN ('pending', 'processing') ORDER BY created_at, rowid",
          )
          .all(sessionId) as Row[]
      ).map(toJob);
    },
    /** Finished previews last changed before `before`, except each session's newest completed one (the player's). */
    oldPreviews(before: number): JobRow[] {
      return (
        db
          .prepare(
            `SELECT * FROM jobs j WHERE kind = 'preview' AND status IN ('completed', 'failed', 'cancelled') AND updated_at < ?
               AND id IS NOT (SELECT id FROM jobs k WHERE k.session_id = j.session_id AND k.kind = 'preview' AND k.status = 'completed' ORDER BY updated_at DESC, rowid DESC LIMIT 1)`,
          )
          .all(before) as Row[]
      ).map(toJob);
    },
    /** Completed jobs of every project of one token (what its exports hold on disk). */
    completedOfToken(tokenId: string): JobRow[] {
      return (
        db
          .prepare(
            "SELECT j.* FROM jobs j JOIN sessions s ON s.id = j.session_id WHERE s.token_id = ? AND j.status = 'completed'",
          )
          .all(tokenId) as Row[]
      ).map(toJob);
    },
    /** Jobs that are parts of `parentId` (chunks of an export: payload.parent), oldest first. */
    children(parentId: string): JobRow[] {
      return (
        db
          .prepare(
            "SELECT * FROM jobs WHERE json_extract(payload, '$.parent') = ? ORDER BY created_at, rowid",
          )
          .all(parentId) as Row[]
      ).map(toJob);
    },
    unfinished(): JobRow[] {
      return (
        db
          .prepare(
            "SELECT * FROM jobs WHERE status IN ('pending', 'processing') ORDER BY created_at, rowid",
          )
          .all() as Row[]
      ).map(toJob);
    },
  };
}
