import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "@/lib/config/env-schema";
import type { Draft } from "@/lib/draft/schema";
import { openEngine, type Engine } from "@/lib/engine/create-engine";
import type { Queue } from "@/lib/engine/jobs/queue";
import { openDatabase, type Db } from "@/lib/engine/store/open-database";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import type { RenderMedia } from "@/lib/engine/render/layout-timeline";

// Test support only: an engine on a temp data folder, a visitor with a session, and
// media rows written the way ingest writes them.

/** An engine with its database and queue in reach, so a test can set up or check rows directly. */
export type TestEngine = Engine & { db: Db; queue: Queue };

export function testEngine(
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-exports-")),
  env: Record<string, string> = {},
): TestEngine {
  const { engine, db, queue } = openEngine(
    engineConfigFromEnv(
      parseEnv({ DATA_DIR: dataDir, FREE_CREDITS: "12", EXPORT_CREDITS: "5", ...env }),
    ),
  );
  return { ...engine, db, queue };
}

export function visitor(engine: Engine, ip = "127.0.0.1"): { tokenId: string; sessionId: string } {
  const { tokenId } = engine.accounts.issueToken(`client-${Math.random()}`, ip);
  return { tokenId, sessionId: engine.sessions.create(tokenId, { title: "My trip" }).id };
}

/** A second connection to the engine's database (the engine's API has no raw row access). */
const dbs = new Map<string, Db>();
function dbOf(engine: Engine): Db {
  let db = dbs.get(engine.config.dataDir);
  if (!db)
    dbs.set(
      engine.config.dataDir,
      (db = openDatabase(path.join(engine.config.dataDir, "vso.sqlite"))),
    );
  return db;
}

/** `size`: for a record whose path is not on this machine (a web server's, with STORAGE=s3). */
export function addMedia(
  engine: Engine,
  sessionId: string,
  m: RenderMedia,
  size = fs.statSync(m.path).size,
): void {
  dbOf(engine)
    .prepare(
      "INSERT INTO media (id, session_id, kind, name, size, path, hash, probe, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .run(
      m.id,
      sessionId,
      m.kind,
      m.name,
      size,
      m.path,
      "hash",
      JSON.stringify(m.probe),
      Date.now(),
    );
}

export function setDraft(engine: Engine, sessionId: string, draft: Draft): void {
  engine.drafts.commit(sessionId, draft, "test timeline");
}

/** Resolves once the job is rendering (its first "processing" event). */
export function untilProcessing(engine: Engine, jobId: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const off = engine.exports.subscribe(jobId, (j) => {
      if (j.status === "processing") {
        off();
        resolve();
      }
    });
  });
}
