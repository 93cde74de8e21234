import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "@/lib/config/env-schema";
import type { Draft } from "@/lib/draft/schema";
import { createEngine, type Engine } from "../create-engine";
import { engineConfigFromEnv } from "../engine-config";
import type { RenderMedia } from "../render/layout-timeline";

// Test support only: an engine on a temp data folder, a visitor with a session, and
// media rows written the way ingest writes them.

export function testEngine(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-exports-")), env: Record<string, string> = {}): Engine {
  return createEngine(engineConfigFromEnv(parseEnv({ DATA_DIR: dataDir, FREE_CREDITS: "12", EXPORT_CREDITS: "5", ...env })));
}

export function visitor(engine: Engine, ip = "127.0.0.1"): { tokenId: string; sessionId: string } {
  const { tokenId } = engine.accounts.issueToken(`client-${Math.random()}`, ip);
  return { tokenId, sessionId: engine.sessions.create(tokenId, { title: "My trip" }).id };
}

export function addMedia(engine: Engine, sessionId: string, m: RenderMedia): void {
  engine.db
    .prepare("INSERT INTO media (id, session_id, kind, name, size, path, hash, probe, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    .run(m.id, sessionId, m.kind, m.name, fs.statSync(m.path).size, m.path, "hash", JSON.stringify(m.probe), Date.now());
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
