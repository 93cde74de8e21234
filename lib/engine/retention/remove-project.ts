import fs from "node:fs";
import path from "node:path";
import type { Db } from "../store/open-database";

// Removes one project with everything it holds: media files and rows (with their
// transcripts), drafts, chat, plans, render jobs with their files and share links. Jobs
// still waiting or rendering must be cancelled first (the caller's queue does that).

export function removeProjectFiles(dataDir: string, sessionId: string): void {
  for (const part of ["media", "exports"]) fs.rmSync(path.join(dataDir, part, sessionId), { recursive: true, force: true });
}

export function removeProjectRows(db: Db, sessionId: string): void {
  db.transaction(() => {
    db.prepare("DELETE FROM transcripts WHERE media_id IN (SELECT id FROM media WHERE session_id = ?)").run(sessionId);
    db.prepare("DELETE FROM media WHERE session_id = ?").run(sessionId);
    db.prepare("DELETE FROM shares WHERE job_id IN (SELECT id FROM jobs WHERE session_id = ?)").run(sessionId);
    db.prepare("DELETE FROM export_objects WHERE job_id IN (SELECT id FROM jobs WHERE session_id = ?)").run(sessionId);
    db.prepare("DELETE FROM jobs WHERE session_id = ?").run(sessionId);
    for (const table of ["drafts", "messages", "plans"]) db.prepare(`DELETE FROM ${table} WHERE session_id = ?`).run(sessionId);
    db.prepare("DELETE FROM sessions WHERE id = ?").run(sessionId);
  })();
}
