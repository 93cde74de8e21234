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

export function createMessages(db: Db, now: () => number = () => Date.now()): Messages {
  function append(sessionId: string, role: ChatMessage["role"], content: string): void {
    db.prepare("INSERT INTO messages (session_id, role, content, created_at) VALUES (?, ?, ?, ?)").run(sessionId, role, content, now());
  }
  function list(sessionId: string, limit = 200): ChatMessage[] {
    const rows = db
      .prepare(
        "SELECT id, role, content, created_at AS createdAt FROM messages WHERE session_id = ? ORDER BY id DESC LIMIT ?",
      )
      .all(sessionId, limit) as ChatMessage[];
    return rows.reverse();
  }
  return { append, list };
}
