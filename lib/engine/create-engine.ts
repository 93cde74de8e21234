import path from "node:path";
import { createAccounts } from "./accounts/accounts";
import { createSessions } from "./sessions/sessions";
import { createDraftStore } from "./drafts/draft-store";
import { createMessages } from "./messages/messages";
import { createMedia } from "./media/media-library";
import { createExports } from "./exports/exports";
import { createQueue } from "./jobs/create-queue";
import { createRetention } from "./retention/retention";
import { openDatabase } from "./store/open-database";
import { createTranscripts } from "./transcribe/transcripts";
import { createAnalysisResults } from "./analysis/analysis-results";
import type { EngineConfig } from "./engine-config";
import { setProcessLimit } from "./ffmpeg/process-pool";

// The embedded engine as one object: the web app's local backend, the CLI and the
// worker all drive this. Each part is a small module over the same SQLite file.
export function createEngine(config: EngineConfig) {
  setProcessLimit(config.maxProcesses);
  const db = openDatabase(path.join(config.dataDir, "vso.sqlite"));
  const media = createMedia(db, config);
  const exports = createExports(db, config, { queue: createQueue(db, config) });
  return {
    config,
    db,
    accounts: createAccounts(db, config.accounts),
    sessions: createSessions(db),
    drafts: createDraftStore(db),
    messages: createMessages(db),
    media,
    exports,
    transcripts: createTranscripts(db, config),
    retention: createRetention(db, { media, exports }, { dataDir: config.dataDir, retentionDays: config.retention.days, previewHours: config.retention.previewHours }),
    /** Finished intro and pause analyses per media item. */
    analysis: createAnalysisResults(db),
  };
}

export type Engine = ReturnType<typeof createEngine>;
