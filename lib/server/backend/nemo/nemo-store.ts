import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/engine/store/open-database";
import { createMessages } from "@/lib/engine/messages/messages";
import type { ExportStatus } from "@/lib/export/schema";
import type { MediaKind } from "@/lib/media/schema";

// Local records for what the cloud has no endpoint for: which projects a visitor has,
// the files they uploaded, the renders they started (and their share ids), and the chat
// transcript. In the backend's own SQLite file (nemo-database.ts), so a restart or a
// closed tab loses nothing.

export interface ProjectRow {
  sessionId: string;
  clientId: string;
  taskId: string | null;
  title: string;
  draftHash: string | null;
  version: number;
  canRedo: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface MediaRow {
  id: string;
  sessionId: string;
  kind: MediaKind;
  name: string;
  size: number;
  url: string;
  duration: number;
  width: number;
  height: number;
  fps: number;
  hash: string;
  createdAt: number;
}

export interface RenderRow {
  id: string;
  sessionId: string;
  preset: string;
  status: ExportStatus;
  progress: number;
  outputUrl: string | null;
  error: string | null;
  shareId: string | null;
  polls: number;
  polledAt: number;
  createdAt: number;
  updatedAt: number;
}

export type NemoStore = ReturnType<typeof createNemoStore>;

const PROJECT_COLS = `session_id AS sessionId, client_id AS clientId, task_id AS taskId, title, draft_hash AS draftHash,
  version, can_redo AS canRedo, created_at AS createdAt, updated_at AS updatedAt`;
const MEDIA_COLS = `id, session_id AS sessionId, kind, name, size, url, duration, width, height, fps, hash, created_at AS createdAt`;
const RENDER_COLS = `id, session_id AS sessionId, preset, status, progress, output_url AS outputUrl, error, share_id AS shareId,
  polls, polled_at AS polledAt, created_at AS createdAt, updated_at AS updatedAt`;

export function createNemoStore(db: Db, now: () => number = () => Date.now()) {
  const messages = createMessages(db, now);
  const fixProject = (
    r: (Omit<ProjectRow, "canRedo"> & { canRedo: number }) | undefined,
  ): ProjectRow | null => (r ? { ...r, canRedo: Boolean(r.canRedo) } : null);

  return {
    messages,

    addProject(p: {
      sessionId: string;
      clientId: string;
      taskId: string | null;
      title: string;
    }): ProjectRow {
      const t = now();
      db.prepare(
        `INSERT INTO nemo_projects (session_id, client_id, task_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(session_id) DO UPDATE SET updated_at = excluded.updated_at`,
      ).run(p.sessionId, p.clientId, p.taskId, p.title, t, t);
      return this.project(p.sessionId)!;
    },
    project(sessionId: string): ProjectRow | null {
      return fixProject(
        db
          .prepare(`SELECT ${PROJECT_COLS} FROM nemo_projects WHERE session_id = ?`)
          .get(sessionId) as never,
      );
    },
    projects(clientId: string): ProjectRow[] {
      const rows = db
        .prepare(
          `SELECT ${PROJECT_COLS} FROM nemo_projects WHERE client_id = ? ORDER BY updated_at DESC, rowid DESC`,
        )
        .all(clientId);
      return rows.map((r) => fixProject(r as never)!);
    },
    /** Counts a new version when the draft's content changed; returns the current version. */
    noteDraft(sessionId: string, draftJson: string): number {
      const hash = crypto.createHash("sha256").update(draftJson).digest("hex");
      const row = this.project(sessionId);
      if (!row) return 0;
      if (row.draftHash === hash) return row.version;
      const version = row.draftHash === null ? row.version : row.version + 1; // first sight is the baseline
      db.prepare(
        "UPDATE nemo_projects SET draft_hash = ?, version = ?, updated_at = ? WHERE session_id = ?",
      ).run(hash, version, now(), sessionId);
      return version;
    },
    setCanRedo(sessionId: string, canRedo: boolean): void {
      db.prepare("UPDATE nemo_projects SET can_redo = ? WHERE session_id = ?").run(
        canRedo ? 1 : 0,
        sessionId,
      );
    },
    touch(sessionId: string): void {
      db.prepare("UPDATE nemo_projects SET updated_at = ? WHERE session_id = ?").run(
        now(),
        sessionId,
      );
    },

    addMedia(m: Omit<MediaRow, "createdAt">): MediaRow {
      db.prepare(
        `INSERT OR REPLACE INTO nemo_media (id, session_id, kind, name, size, url, duration, width, height, fps, hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        m.id,
        m.sessionId,
        m.kind,
        m.name,
        m.size,
        m.url,
        m.duration,
        m.width,
        m.height,
        m.fps,
        m.hash,
        now(),
      );
      return this.media(m.sessionId, m.id)!;
    },
    media(sessionId: string, id: string): MediaRow | null {
      return (
        (db
          .prepare(`SELECT ${MEDIA_COLS} FROM nemo_media WHERE session_id = ? AND id = ?`)
          .get(sessionId, id) as MediaRow) ?? null
      );
    },
    mediaList(sessionId: string): MediaRow[] {
      return db
        .prepare(
          `SELECT ${MEDIA_COLS} FROM nemo_media WHERE session_id = ? ORDER BY created_at, rowid`,
        )
        .all(sessionId) as MediaRow[];
    },
    deleteMedia(sessionId: string, id: string): boolean {
      return (
        db.prepare("DELETE FROM nemo_media WHERE session_id = ? AND id = ?").run(sessionId, id)
          .changes > 0
      );
    },

    addRender(r: {
      id: string;
      sessionId: string;
      preset: string;
      status: ExportStatus;
      progress: number;
    }): RenderRow {
      const t = now();
      db.prepare(
        `INSERT INTO nemo_renders (id, session_id, preset, status, progress, share_id, polled_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        r.id,
        r.sessionId,
        r.preset,
        r.status,
        r.progress,
        `shr_${crypto.randomBytes(16).toString("base64url")}`,
        t,
        t,
        t,
      );
      return this.render(r.sessionId, r.id)!;
    },
    render(sessionId: string, id: string): RenderRow | null {
      return (
        (db
          .prepare(`SELECT ${RENDER_COLS} FROM nemo_renders WHERE session_id = ? AND id = ?`)
          .get(sessionId, id) as RenderRow) ?? null
      );
    },
    renderExists(id: string): boolean {
      return db.prepare("SELECT 1 FROM nemo_renders WHERE id = ?").get(id) !== undefined;
    },
    renderByShare(shareId: string): RenderRow | null {
      return (
        (db
          .prepare(`SELECT ${RENDER_COLS} FROM nemo_renders WHERE share_id = ?`)
          .get(shareId) as RenderRow) ?? null
      );
    },
    renders(sessionId: string): RenderRow[] {
      return db
        .prepare(
          `SELECT ${RENDER_COLS} FROM nemo_renders WHERE session_id = ? ORDER BY created_at DESC, rowid DESC`,
        )
        .all(sessionId) as RenderRow[];
    },
    updateRender(
      id: string,
      patch: Partial<Pick<RenderRow, "status" | "progress" | "outputUrl" | "error">>,
      polled = false,
    ): void {
      const cur = db.prepare(`SELECT ${RENDER_COLS} FROM nemo_renders WHERE id = ?`).get(id) as
        RenderRow | undefined;
      if (!cur) return;
      const next = { ...cur, ...patch };
      db.prepare(
        `UPDATE nemo_renders SET status = ?, progress = ?, output_url = ?, error = ?, polls = polls + ?, polled_at = ?, updated_at = ? WHERE id = ?`,
      ).run(
        next.status,
        next.progress,
        next.outputUrl,
        next.error,
        polled ? 1 : 0,
        polled ? now() : cur.polledAt,
        now(),
        id,
      );
    },
  };
}
