import type { Credits } from "@/lib/credits/schema";
import type { Draft } from "@/lib/draft/schema";
import type { StartExport } from "@/lib/export/schema";
import type { ExportRecord } from "../exports/export-record";
import type { ContentStart } from "../analysis/decide-content-start";
import { findContentStart, findSilences } from "../analysis/analyze-media";
import { energyCacheDir, measureEnergy } from "../analysis/audio-energy";
import type { AudioEnergy } from "../ops/snap-cuts";
import type { Range } from "../analysis/parse-analysis";
import type { Engine } from "../create-engine";
import type { EditDrafts } from "../drafts/edit-transaction";
import { newId } from "../ids";
import type { MediaRecord } from "../media/types";
import { applyOp } from "../ops/apply-op";
import type { ApplyOp } from "../ops/types";
import type { WorkLimits } from "../ops/work-limits";
import { pickPlanner } from "../planner/pick-planner";
import type { Planner } from "../planner/planner";
import type { TranscribeOptions, Transcript } from "../transcribe/types";
import type { PlanHistory } from "./plan-history";

// Everything a turn needs from the outside world, as one injectable object: the engine
// provides the real parts (agentDepsFromEngine); tests pass small fakes.

export interface AgentDeps {
  drafts: EditDrafts;
  messages: { append(sessionId: string, role: "user" | "assistant", content: string): void };
  history: Pick<PlanHistory, "save" | "lastEdit" | "last">;
  listMedia(sessionId: string): MediaRecord[];
  /** Speech recognition (engine.transcripts.get); absent = captions cannot be made here. */
  transcribe?(media: MediaRecord, opts: TranscribeOptions): Promise<Transcript>;
  exports?: {
    start(
      sessionId: string,
      tokenId: string,
      input: StartExport,
      part?: { draft: Draft; name: string },
    ): ExportRecord;
    subscribe(jobId: string, listener: (job: ExportRecord) => void): () => void;
    get(sessionId: string, jobId: string): ExportRecord;
  };
  credits?(tokenId: string): Credits;
  applyOp: ApplyOp;
  planner: Planner;
  /** Where the content starts; from engine.analysis when this clip was analysed before. `onProgress`: 0..1. */
  findContentStart(
    media: MediaRecord,
    opts: { signal?: AbortSignal; speechStartMs?: number; onProgress?: (ratio: number) => void },
  ): Promise<ContentStart | null>;
  /** The clip's pauses; from engine.analysis when measured before. */
  findSilences(
    media: MediaRecord,
    opts: { signal?: AbortSignal; onProgress?: (ratio: number) => void },
  ): Promise<Range[]>;
  /** Loudness envelope for snapping cuts (analysis/audio-energy.ts); absent = cuts are not snapped. */
  measureEnergy?(media: MediaRecord, opts: { signal?: AbortSignal }): Promise<AudioEnergy | null>;
  newId(): string;
  /** Bounds on what one timeline may ask for (engine config); none when absent. */
  workLimits?: WorkLimits;
  /** Heartbeat interval while long work runs (15 s). */
  heartbeatMs: number;
}

export function agentDepsFromEngine(engine: Engine, over: Partial<AgentDeps> = {}): AgentDeps {
  const ffmpegPath = engine.config.ffmpegPath;
  return {
    drafts: engine.drafts,
    messages: engine.messages,
    history: engine.plans,
    listMedia: (sessionId) => engine.media.list(sessionId),
    transcribe: (media, opts) => engine.transcripts.get(media, opts),
    exports: engine.exports,
    credits: (tokenId) => engine.accounts.balance(tokenId),
    applyOp,
    planner: pickPlanner(engine.config),
    // Keyed by media id: a stored file never changes, so neither does what it contains.
    findContentStart: async (media, opts) =>
      (
        await engine.analysis.remember(
          media.id,
          "intro",
          { speechStartMs: opts.speechStartMs },
          () => findContentStart(media, { ...opts, ffmpegPath }),
          opts.signal,
        )
      ).value,
    findSilences: async (media, opts) =>
      (
        await engine.analysis.remember(
          media.id,
          "silences",
          { minSeconds: 0.3 },
          () => findSilences(media, { ...opts, ffmpegPath }),
          opts.signal,
        )
      ).value,
    measureEnergy: (media, opts) =>
      measureEnergy(media, { ...opts, ffmpegPath, cacheDir: energyCacheDir(engine.config) }),
    newId: () => newId("seg", 6),
    workLimits: engine.config.workLimits,
    heartbeatMs: 15_000,
    ...over,
  };
}
