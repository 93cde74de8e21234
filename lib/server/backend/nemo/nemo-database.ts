import "server-only";
import fs from "node:fs";
import path from "node:path";
import { openDatabase, type Db } from "@/lib/engine/store/open-database";
import type { Migration } from "@/lib/engine/store/migrations";

// BACKEND=nemo keeps its own SQLite file, <DATA_DIR>/nemo.sqlite, with its own schema:
// what the cloud has no endpoint for (project list, uploaded media, render ids), the chat
// transcript and the per-address limit on new tokens. The local engine is never started
// for it. Before this file existed the same tables lived in the engine's vso.sqlite
// (its migration 80): a new nemo.sqlite copies those records once, so nothing is lost.

export const nemoMigrations: Migration[] = [
  {
    id: 1,
    name: "nemo records",
    sql: `
      CREATE TABLE token_requests (ip TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX token_requests_ip ON token_requests(ip, at);

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,
        role TEXT NOT NULL,               -- user | assistant
        content TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX messages_session ON messages(session_id, id);

      CREATE TABLE nemo_projects (
        session_id TEXT PRIMARY KEY,      -- the cloud's session_id
        client_id TEXT NOT NULL,          -- the visitor (cookie UUID) who owns it here
        task_id TEXT,                     -- the cloud's task_id (registration ?bind=)
        title TEXT NOT NULL,
        draft_hash TEXT,                  -- sha256 of the last draft seen, to count versions
        version INTEGER NOT NULL DEFAULT 0,
        can_redo INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX nemo_projects_client ON nemo_projects(client_id, updated_at);

      CREATE TABLE nemo_media (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        url TEXT NOT NULL,                -- the cloud's cdn_url
        duration REAL NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        fps REAL NOT NULL,
        hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX nemo_media_session ON nemo_media(session_id, created_at);

      CREATE TABLE nemo_renders (
        id TEXT PRIMARY KEY,              -- render_<ts>, the cloud's render id
        session_id TEXT NOT NULL,
        preset TEXT NOT NULL,
        status TEXT NOT NULL,
        progress REAL NOT NULL DEFAULT 0,
        output_url TEXT,
        error TEXT,
        share_id TEXT UNIQUE,
        polls INTEGER NOT NULL DEFAULT 0,
        polled_at INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX nemo_renders_session ON nemo_renders(session_id, created_at);
    `,
  },
];

/** Opens (creating when needed) the nemo backend's database; `:memory:` for tests. */
export function openNemoDatabase(file: string): Db {
  return openDatabase(file, nemoMigrations);
}

/** <dataDir>/nemo.sqlite; on first open, the records an older version kept in vso.sqlite come along. */
export function openNemoDataDir(dataDir: string): Db {
  const file = path.join(dataDir, "nemo.sqlite");
  const fresh = !fs.existsSync(file);
  const db = openNemoDatabase(file);
  const legacy = path.join(dataDir, "vso.sqlite");
  if (fresh && fs.existsSync(legacy)) copyLegacyRecords(db, legacy);
  return db;
}

const COPIED = {
  nemo_projects:
    "session_id, client_id, task_id, title, draft_hash, version, can_redo, created_at, updated_at",
  nemo_media:
    "id, session_id, kind, name, size, url, duration, width, height, fps, hash, created_at",
  nemo_renders:
    "id, session_id, preset, status, progress, output_url, error, share_id, polls, polled_at, created_at, updated_at",
} as const;

/** Copies the nemo tables (and those projects' chat) out of the engine's file, when it has them. */
export function copyLegacyRecords(db: Db, legacyFile: string): void {
  db.prepare("ATTACH DATABASE ? AS legacy").run(legacyFile);
  try {
    const has = (table: string) =>
      db
        .prepare("SELECT 1 FROM legacy.sqlite_master WHERE type = 'table' AND name = ?")
        .get(table) !== undefined;
    if (!has("nemo_projects")) return;
    db.transaction(() => {
      for (const [table, cols] of Object.entries(COPIED)) {
        if (has(table))
          db.exec(
            `INSERT OR IGNORE INTO main.${table} (${cols}) SELECT ${cols} FROM legacy.${table}`,
          );
      }
      if (has("messages")) {
        db.exec(`INSERT INTO main.messages (session_id, role, content, created_at)
          SELECT session_id, role, content, created_at FROM legacy.messages
          WHERE session_id IN (SELECT session_id FROM legacy.nemo_projects) ORDER BY id`);
      }
    })();
  } finally {
    db.exec("DETACH DATABASE legacy");
  }
}
