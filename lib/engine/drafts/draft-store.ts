import { AppError } from "@/lib/errors";
import { draftSchema, emptyDraft, type Draft } from "@/lib/draft/schema";
import type { Db } from "../store/open-database";
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

export function createDraftStore(db: Db, now: () => number = () => Date.now()): Drafts {
  function head(sessionId: string): number {
    const r = db.prepare("SELECT head FROM sessions WHERE id = ?").get(sessionId) as { head: number } | undefined;
    if (!r) throw new AppError(1002, "This project was not found. A new one has been started.");
    return r.head;
  }

  function maxVersion(sessionId: string): number {
    const r = db.prepare("SELECT max(version) AS v FROM drafts WHERE session_id = ?").get(sessionId) as { v: number | null };
    return r.v ?? 0;
  }

  function at(sessionId: string, version: number): DraftVersion {
    const max = maxVersion(sessionId);
    if (version === 0) {
      return { draft: emptyDraft(), version: 0, label: "Empty timeline", canUndo: false, canRedo: max > 0 };
    }
    const r = db.prepare("SELECT draft, label FROM drafts WHERE session_id = ? AND version = ?").get(sessionId, version) as
      | { draft: string; label: string }
      | undefined;
    if (!r) throw new AppError("internal", "The timeline history is damaged for this project.");
    return { draft: draftSchema.parse(JSON.parse(r.draft)), version, label: r.label, canUndo: true, canRedo: max > version };
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
      db.prepare("INSERT INTO drafts (session_id, version, draft, label, created_at) VALUES (?, ?, ?, ?, ?)").run(
        sessionId,
        v,
        JSON.stringify(valid),
        label,
        now(),
      );
      db.prepare("UPDATE sessions SET head = ?, updated_at = ? WHERE id = ?").run(v, now(), sessionId);
      return { draft: valid, version: v, label, canUndo: true, canRedo: false };
    })();
  }

  /** Steps back; returns the version now current and the label of the change undone. */
  function undo(sessionId: string): DraftVersion & { undone: string } {
    return db.transaction(() => {
      const h = head(sessionId);
      if (h === 0) throw new AppError("conflict", "There is nothing to undo yet.");
      const undone = at(sessionId, h).label;
      db.prepare("UPDATE sessions SET head = ?, updated_at = ? WHERE id = ?").run(h - 1, now(), sessionId);
      return { ...at(sessionId, h - 1), undone };
    })();
  }

  function redo(sessionId: string): DraftVersion & { redone: string } {
    return db.transaction(() => {
      const h = head(sessionId);
      if (h >= maxVersion(sessionId)) throw new AppError("conflict", "There is nothing to redo.");
      db.prepare("UPDATE sessions SET head = ?, updated_at = ? WHERE id = ?").run(h + 1, now(), sessionId);
      const next = at(sessionId, h + 1);
      return { ...next, redone: next.label };
    })();
  }

  return { current, commit, undo, redo };
}
