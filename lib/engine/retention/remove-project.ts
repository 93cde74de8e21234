import fs from "node:fs";
import path from "node:path";
import type { Db } from "../store/open-database";
import { createPlanHistory } from "../agent/plan-history";
import { createDraftStore } from "../drafts/draft-store";
import { createMediaStore } from "../media/media-store";
import { createMessages } from "../messages/messages";
import { createSessionsStore } from "../store/sessions-store";

// Removes one project with everything it holds: media files and rows (with their
// transcripts), drafts, chat, plans, render jobs with their files and share links. Jobs
// still waiting or rendering must be cancelled first (the caller's queue does that).

export function removeProjectFiles(dataDir: string, sessionId: string): void {
  // Stored objects (the bucket, or DATA_DIR/storage) went first: exports.forgetSession.
  for (const part of ["media", "exports"])
    fs.rmSync(path.join(dataDir, part, sessionId), { recursive: true, force: true });
}

export function removeProjectRows(db: Db, sessionId: string): void {
  db.transaction(() => {
    // Each table's owner deletes its rows; transcripts and analyses go with their media (triggers).
    createMediaStore(db).deleteSession(sessionId);
    db.prepare("DELETE FROM shares WHERE job_id IN (SELECT id FROM jobs WHERE session_id = ?)").run(
      sessionId,
    );
    db.prepare(
      "DELETE FROM export_objects WHERE job_id IN (SELECT id FROM jobs WHERE session_id = ?)",
    ).run(sessionId);
    db.prepare("DELETE FROM jobs WHERE session_id = ?").run(sessionId);
    createDraftStore(db).deleteSession(sessionId);
    createMessages(db).deleteSession(sessionId);
    createPlanHistory(db).deleteSession(sessionId);
    createSessionsStore(db).delete(sessionId);
  })();
}
