import path from "node:path";
import { createAccounts } from "./accounts/accounts";
import { createSessions } from "./sessions/sessions";
import { createDraftStore } from "./drafts/draft-store";
import { createMessages } from "./messages/messages";
import { createMedia } from "./media/media-library";
import { createExports } from "./exports/exports";
import { createQueue } from "./jobs/create-queue";
import type { Queue } from "./jobs/queue";
import { createRetention } from "./retention/retention";
import { openDatabase, type Db } from "./store/open-database";
import { createTranscripts } from "./transcribe/transcripts";
import { createAnalysisResults } from "./analysis/analysis-results";
import { createPlanHistory } from "./agent/plan-history";
import type { EngineConfig } from "./engine-config";
import { setProcessLimit } from "./ffmpeg/process-pool";
import type { Engine, Exports } from "./api";

export type { Engine } from "./api";

// The embedded engine as one object (its API: api.ts): the web app's local backend, the
// CLI and the worker all drive this. Each part is a small module over the same SQLite file.
export function createEngine(config: EngineConfig): Engine {
  return openEngine(config).engine;
}

/** The engine with its database and render queue: for tests, benchmarks and scripts/worker.ts only. */
export interface OpenedEngine {
  engine: Engine;
  db: Db;
  queue: Queue;
}

export function openEngine(config: EngineConfig): OpenedEngine {
  setProcessLimit(config.maxProcesses);
  const db = openDatabase(path.join(config.dataDir, "vso.sqlite"));
  const media = createMedia(db, config);
  const built = createExports(db, config, createQueue(db, config));
  const exports: Exports = built;
  const accounts = createAccounts(db, config.accounts);
  const sessions = createSessions(db);
  const engine: Engine = {
    config,
    accounts,
    sessions,
    drafts: createDraftStore(db),
    messages: createMessages(db),
    media,
    exports,
    transcripts: createTranscripts(db, config),
    retention: createRetention(
      db,
      { media, exports, cancelJob: (jobId) => built.queue.cancel(jobId) },
      {
        dataDir: config.dataDir,
        retentionDays: config.retention.days,
        previewHours: config.retention.previewHours,
      },
    ),
    analysis: createAnalysisResults(db),
    plans: createPlanHistory(db),
    forCaller(token, sessionId) {
      const tokenId = accounts.verify(token);
      const session = sessions.get(tokenId, sessionId);
      return { tokenId, session, sessionId: session.id };
    },
  };
  return { engine, db, queue: built.queue };
}
