import type { Db } from "../store/open-database";
import type { Messages } from "../api";

// The chat transcript of a session, so a visitor who comes back sees the conversation.
export interface ChatMessage {
  id: number;
  role: "user" | "assistant";
  content: string;
  createdAt: number;
}

export type { Messages } from "../api";

export function createMessages(
  db: Db,
  now: () => number = () => Date.now(),
): Messages & { deleteSession(sessionId: string): void } {
  function append(sessionId: string, role: ChatMessage["role"], content: string): void {
    db.prepare(
      "INSERT INTO messages (session_id, role, content, created_at) VALUES (?, ?, ?, ?)",
    ).run(sessionId, role, content, now());
  }
  function list(sessionId: string, limit = 200): ChatMessage[] {
    const rows = db
      .prepare(
        "SELECT id, role, content, created_at AS createdAt FROM messages WHERE session_id = ? ORDER BY id DESC LIMIT ?",
      )
      .all(sessionId, limit) as ChatMessage[];
    return rows.reverse();
  }
  /** The whole transcript of a session (its project is being deleted). */
  function deleteSession(sessionId: string): void {
    db.prepare("DELETE FROM messages WHERE session_id = ?").run(sessionId);
  }
  return { append, list, deleteSession };
}
