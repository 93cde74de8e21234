import type { Db } from "./open-database";

// The one owner of the `sessions` table: every query of it lives here. The API over it
// (ownership checks, sentences) is sessions/sessions.ts; drafts move `head`, exports read
// the title, retention and disk quotas find a session's token.

export interface SessionRecord {
  id: string;
  title: string;
  language: string;
  createdAt: number;
  updatedAt: number;
}

const COLS = "id, title, language, created_at AS createdAt, updated_at AS updatedAt";

export type SessionsStore = ReturnType<typeof createSessionsStore>;

export function createSessionsStore(db: Db) {
  return {
    insert(tokenId: string, row: SessionRecord): void {
      db.prepare(
        "INSERT INTO sessions (id, token_id, title, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(row.id, tokenId, row.title, row.language, row.createdAt, row.updatedAt);
    },
    /** The session when `tokenId` owns it. */
    owned(tokenId: string, sessionId: string): SessionRecord | undefined {
      return db
        .prepare(`SELECT ${COLS} FROM sessions WHERE id = ? AND token_id = ?`)
        .get(sessionId, tokenId) as SessionRecord | undefined;
    },
    listOfToken(tokenId: string, limit: number): SessionRecord[] {
      return db
        .prepare(`SELECT ${COLS} FROM sessions WHERE token_id = ? ORDER BY updated_at DESC LIMIT ?`)
        .all(tokenId, limit) as SessionRecord[];
    },
    idsOfToken(tokenId: string): string[] {
      return db
        .prepare("SELECT id FROM sessions WHERE token_id = ?")
        .pluck()
        .all(tokenId) as string[];
    },
    touch(sessionId: string, at: number, title?: string): void {
      if (title)
        db.prepare("UPDATE sessions SET updated_at = ?, title = ? WHERE id = ?").run(
          at,
          title,
          sessionId,
        );
      else db.prepare("UPDATE sessions SET updated_at = ? WHERE id = ?").run(at, sessionId);
    },
    adopt(fromTokenId: string, toTokenId: string): number {
      return db
        .prepare("UPDATE sessions SET token_id = ? WHERE token_id = ?")
        .run(toTokenId, fromTokenId).changes;
    },
    /** The draft version the session is on; undefined when there is no such session. */
    head(sessionId: string): number | undefined {
      const r = db.prepare("SELECT head FROM sessions WHERE id = ?").get(sessionId) as
        { head: number } | undefined;
      return r?.head;
    },
    setHead(sessionId: string, head: number, at: number): void {
      db.prepare("UPDATE sessions SET head = ?, updated_at = ? WHERE id = ?").run(
        head,
        at,
        sessionId,
      );
    },
    title(sessionId: string): string | undefined {
      const r = db.prepare("SELECT title FROM sessions WHERE id = ?").get(sessionId) as
        { title: string } | undefined;
      return r?.title;
    },
    tokenOf(sessionId: string): string | null {
      const r = db.prepare("SELECT token_id FROM sessions WHERE id = ?").get(sessionId) as
        { token_id: string } | undefined;
      return r?.token_id ?? null;
    },
    delete(sessionId: string): void {
      db.prepare("DELETE FROM sessions WHERE id = ?").run(sessionId);
    },
  };
}
