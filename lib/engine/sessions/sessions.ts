import { AppError } from "@/lib/errors";
import type { Db } from "../store/open-database";
import { createSessionsStore, type SessionRecord } from "../store/sessions-store";
import { newId } from "../ids";
import type { Sessions } from "../api";

// Editing sessions ("projects"). Every read checks the owner, so one visitor can never
// reach another's session: a session that is not theirs is simply "not found" (1002).
// The rows are in store/sessions-store.ts.

export type SessionRow = SessionRecord;

export type { Sessions } from "../api";

export function createSessions(db: Db, now: () => number = () => Date.now()): Sessions {
  const store = createSessionsStore(db);

  function create(tokenId: string, opts: { title?: string; language?: string } = {}): SessionRow {
    const t = now();
    const row: SessionRow = {
      id: newId("ses"),
      title: opts.title?.trim() || "Untitled project",
      language: opts.language ?? "en",
      createdAt: t,
      updatedAt: t,
    };
    store.insert(tokenId, row);
    return row;
  }

  /** The session if this token owns it; 1002 otherwise. */
  function get(tokenId: string, sessionId: string | undefined): SessionRow {
    const r = sessionId ? store.owned(tokenId, sessionId) : undefined;
    if (!r) throw new AppError(1002, "This project was not found. A new one has been started.");
    return r;
  }

  const list = (tokenId: string, limit = 50): SessionRow[] => store.listOfToken(tokenId, limit);
  const touch = (sessionId: string, title?: string): void => store.touch(sessionId, now(), title);
  /** Moves every session of an expired token to its replacement, so work survives token renewal. */
  const adopt = (fromTokenId: string, toTokenId: string): number =>
    store.adopt(fromTokenId, toTokenId);

  return { create, get, list, touch, adopt };
}
