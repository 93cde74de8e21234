import { AppError } from "@/lib/errors";
import { draftSchema, emptyDraft, type Draft } from "@/lib/draft/schema";
import type { Db } from "../store/open-database";
import { createSessionsStore } from "../store/sessions-store";
import type { Drafts } from "../api";

// Every change to a session's timeline is a new version; `sessions.head` says which one
// is current. Undo moves head back, redo forward; a new change after an undo drops the
// versions that were ahead of it, as every editor does.

export interface DraftVersion {
  draft: Draft;
  version: number;
  label: string;
  canUndo: boolean;
  canRedo: boolean;
}

export type { Drafts as DraftStore } from "../api";

/** The drafts table's own queries beside the API: what other parts ask of the timelines. */
export interface DraftRows extends Drafts {
  /** Whether the session's current timeline names this media item anywhere (a clip, a background, a correction). */
  usesMedia(sessionId: string, mediaId: string): boolean;
  /** Removes every version of a session's timeline (its project is being deleted). */
  deleteSession(sessionId: string): void;
}

export function createDraftStore(db: Db, now: () => number = () => Date.now()): DraftRows {
  const sessions = createSessionsStore(db);
  function head(sessionId: string): number {
    const h = sessions.head(sessionId);
    if (h === undefined)
      throw new AppError(1002, "This project was not found. A new one has been started.");
    return h;
  }

  function maxVersion(sessionId: string): number {
    const r = db
      .prepare("SELECT max(version) AS v FROM drafts WHERE session_id = ?")
      .get(sessionId) as { v: number | null };
    return r.v ?? 0;
  }

  function at(sessionId: string, version: number): DraftVersion {
    const max = maxVersion(sessionId);
    if (version === 0) {
      return {
        draft: emptyDraft(),
        version: 0,
        label: "Empty timeline",
        canUndo: false,
        canRedo: max > 0,
      };
    }
    const r = db
      .prepare("SELECT draft, label FROM drafts WHERE session_id = ? AND version = ?")
      .get(sessionId, version) as { draft: string; label: string } | undefined;
    if (!r) throw new AppError("internal", "The timeline history is damaged for this project.");
    return {
      draft: draftSchema.parse(JSON.parse(r.draft)),
      version,
      label: r.label,
      canUndo: true,
      canRedo: max > version,
    };
  }

  function current(sessionId: string): DraftVersion {
    return at(sessionId, head(sessionId));
  }

  /** Saves a new version after the current one and makes it current. */
  function commit(sessionId: string, draft: Draft, label: string): DraftVersion {
    const valid = draftSchema.parse(draft);
    return db.transaction(() => {
      const h = head(sessionId);
      db.prepare("DELETE FROM drafts WHERE session_id = ? AND version > ?").run(sessionId, h);
      const v = h + 1;
      db.prepare(
        "INSERT INTO drafts (session_id, version, draft, label, created_at) VALUES (?, ?, ?, ?, ?)",
      ).run(sessionId, v, JSON.stringify(valid), label, now());
      sessions.setHead(sessionId, v, now());
      return { draft: valid, version: v, label, canUndo: true, canRedo: false };
    })();
  }

  /** Steps back; returns the version now current and the label of the change undone. */
  function undo(sessionId: string): DraftVersion & { undone: string } {
    return db.transaction(() => {
      const h = head(sessionId);
      if (h === 0) throw new AppError("conflict", "There is nothing to undo yet.");
      const undone = at(sessionId, h).label;
      sessions.setHead(sessionId, h - 1, now());
      return { ...at(sessionId, h - 1), undone };
    })();
  }

  function redo(sessionId: string): DraftVersion & { redone: string } {
    return db.transaction(() => {
      const h = head(sessionId);
      if (h >= maxVersion(sessionId)) throw new AppError("conflict", "There is nothing to redo.");
      sessions.setHead(sessionId, h + 1, now());
      const next = at(sessionId, h + 1);
      return { ...next, redone: next.label };
    })();
  }

  function usesMedia(sessionId: string, mediaId: string): boolean {
    const h = sessions.head(sessionId);
    if (!h) return false;
    const r = db
      .prepare("SELECT draft FROM drafts WHERE session_id = ? AND version = ?")
      .get(sessionId, h) as { draft: string } | undefined;
    return r !== undefined && mentions(JSON.parse(r.draft), mediaId);
  }

  function deleteSession(sessionId: string): void {
    db.prepare("DELETE FROM drafts WHERE session_id = ?").run(sessionId);
  }

  return { current, commit, undo, redo, usesMedia, deleteSession };
}

/** Any string value in the stored draft equal to `id`: media ids sit in segments, the audiogram and corrections. */
function mentions(value: unknown, id: string): boolean {
  if (value === id) return true;
  if (Array.isArray(value)) return value.some((v) => mentions(v, id));
  if (value && typeof value === "object") return Object.values(value).some((v) => mentions(v, id));
  return false;
}
