import { AppError } from "@/lib/errors";
import type { Db } from "../store/open-database";
import { newId } from "../ids";
import type { Sessions } from "../api";

// Editing sessions ("projects"). Every read checks the owner, so one visitor can never
// reach another's session: a session that is not theirs is simply "not found" (1002).

export interface SessionRow {
  id: string;
  title: string;
  language: string;
  createdAt: number;
  updatedAt: number;
}

export type { Sessions } from "../api";

export function createSessions(db: Db, now: () => number = () => Date.now()): Sessions {
  function create(tokenId: string, opts: { title?: string; language?: string } = {}): SessionRow {
    const t = now();
    const row: SessionRow = {
      id: newId("ses"),
      title: opts.title?.trim() || "Untitled project",
      language: opts.language ?? "en",
      createdAt: t,
      updatedAt: t,
    };
    db.prepare("INSERT INTO sessions (id, token_id, title, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)").run(
      row.id,
      tokenId,
      row.title,
      row.language,
      t,
      t,
    );
    return row;
  }

  /** The session if this token owns it; 1002 otherwise. */
  function get(tokenId: string, sessionId: string | undefined): SessionRow {
    const r = sessionId
      ? (db
          .prepare(
            "SELECT id, title, language, created_at AS createdAt, updated_at AS updatedAt FROM sessions WHERE id = ? AND token_id = ?",
          )
          .get(sessionId, tokenId) as SessionRow | undefined)
      : undefined;
    if (!r) throw new AppError(1002, "This project was not found. A new one has been started.");
    return r;
  }

  function list(tokenId: string, limit = 50): SessionRow[] {
    return db
      .prepare(
        "SELECT id, title, language, created_at AS createdAt, updated_at AS updatedAt FROM sessions WHERE token_id = ? ORDER BY updated_at DESC LIMIT ?",
      )
      .all(tokenId, limit) as SessionRow[];
  }

  function touch(sessionId: string, title?: string): void {
    if (title) db.prepare("UPDATE sessions SET updated_at = ?, title = ? WHERE id = ?").run(now(), title, sessionId);
    else db.prepare("UPDATE sessions SET updated_at = ? WHERE id = ?").run(now(), sessionId);
  }

  /** Moves every session of an expired token to its replacement, so work survives token renewal. */
  function adopt(fromTokenId: string, toTokenId: string): number {
    return db.prepare("UPDATE sessions SET token_id = ? WHERE token_id = ?").run(toTokenId, fromTokenId).changes;
  }

  return { create, get, list, touch, adopt };
}
