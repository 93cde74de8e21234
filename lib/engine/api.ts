import type { Readable } from "node:stream";
import type { Credits } from "@/lib/credits/schema";
import type { Draft } from "@/lib/draft/schema";
import type { StartExport } from "@/lib/export/schema";
import type { Plan } from "@/lib/plan/schema";
import type { IssuedToken } from "./accounts/accounts";
import type { PlanRecord } from "./agent/plan-history";
import type { AnalysisResults } from "./analysis/analysis-results";
import type { DraftVersion } from "./drafts/draft-store";
import type { EngineConfig } from "./engine-config";
import type { ExportRecord } from "./exports/export-record";
import type { DownloadKind, ExportDownload, ExportFile } from "./exports/exports";
import type { IngestResult } from "./media/media-library";
import type { MediaFileInfo, MediaVariant } from "./media/media-item";
import type { MediaRecord } from "./media/types";
import type { ChatMessage } from "./messages/messages";
import type { SweepResult } from "./retention/retention";
import type { SessionRow } from "./sessions/sessions";
import type { EngineStatus } from "./transcribe/transcripts";
import type { TranscribeOptions, Transcript } from "./transcribe/types";

// The engine's API: read this file first. The web app's local backend
// (lib/server/backend/local), the CLI (scripts/vso.ts) and the render worker all drive one
// `Engine` (create-engine.ts builds it over one SQLite file under DATA_DIR). Each part is
// a small module; this file says what each part promises, the modules say how.
//
// Who may call what: a visitor's request goes through `engine.forCaller(token, sessionId)`,
// which checks the token and that the session is theirs once, then hands out the session's
// parts. Everything else here takes ids the caller has already checked.
//
// The engine returns ids and files (an export is an ExportRecord: its share id, which caption
// files it has); lib/server/links.ts turns them into `/api/...` and `/s/...` URLs.

/** Anonymous bearer tokens and their credits (frozen while an export renders). */
export interface Accounts {
  /** A new token with the free credits; rate_limited when this address made too many. */
  issueToken(clientId: string, ip: string): IssuedToken;
  /** The token's id; 1001 when it is missing, unknown or expired. */
  verify(token: string | undefined): string;
  balance(tokenId: string): Credits;
  /** Reserves credits for a job; 2001 when there are not enough. Returns what was frozen. */
  freeze(tokenId: string, amount: number): number;
  /** A job succeeded: the frozen credits are spent. */
  charge(tokenId: string, amount: number): void;
  /** A job failed or was cancelled: the frozen credits come back. */
  release(tokenId: string, amount: number): void;
}

/** Editing sessions ("projects"), each owned by one token. */
export interface Sessions {
  create(tokenId: string, opts?: { title?: string; language?: string }): SessionRow;
  /** The session if this token owns it; 1002 otherwise. */
  get(tokenId: string, sessionId: string | undefined): SessionRow;
  /** The token's sessions, most recently changed first. */
  list(tokenId: string, limit?: number): SessionRow[];
  /** Marks the session changed now (and renames it when `title` is given). */
  touch(sessionId: string, title?: string): void;
  /** Moves every session of an expired token to its replacement; returns how many moved. */
  adopt(fromTokenId: string, toTokenId: string): number;
}

/** The versions of a session's timeline: every change is a new version; undo and redo move between them. */
export interface Drafts {
  current(sessionId: string): DraftVersion;
  /** Saves a new version after the current one (dropping any redo) and makes it current. */
  commit(sessionId: string, draft: Draft, label: string): DraftVersion;
  undo(sessionId: string): DraftVersion & { undone: string };
  redo(sessionId: string): DraftVersion & { redone: string };
}

/** The chat transcript of a session. */
export interface Messages {
  append(sessionId: string, role: ChatMessage["role"], content: string): void;
  /** The newest `limit` messages, oldest first. */
  list(sessionId: string, limit?: number): ChatMessage[];
}

/** A session's media bin: uploads, URL imports and the files derived from them in the background. */
export interface MediaLibrary {
  list(sessionId: string): MediaRecord[];
  /** One item; not_found when it is not in this session. */
  get(sessionId: string, mediaId: string): MediaRecord;
  /** Streams a multipart body ("files" field) into the session's media. */
  upload(
    sessionId: string,
    body: Readable,
    contentType: string,
    signal?: AbortSignal,
  ): Promise<IngestResult>;
  /** Refuses, before a byte is sent, a file of `size` bytes that would not fit (quota 4002, low disk). */
  ensureRoom(sessionId: string, size: number): void;
  /** A whole file already on this disk (a finished resumable upload), moved into the session's media. */
  ingestFile(
    sessionId: string,
    file: string,
    rawName: string,
    opts?: { hash?: string | Promise<string>; signal?: AbortSignal },
  ): Promise<IngestResult>;
  /** Downloads each URL (one at a time) into the session's media. */
  importUrls(sessionId: string, urls: string[], signal?: AbortSignal): Promise<IngestResult>;
  /** The file behind one of a media item's variants. */
  file(sessionId: string, mediaId: string, variant: MediaVariant): MediaFileInfo;
  /** Deletes an item and its files; conflict while the current timeline uses it. */
  delete(sessionId: string, mediaId: string): Promise<void>;
  /** Stops the background work of every item of a session (its project is being deleted). */
  forgetSession(sessionId: string): Promise<void>;
  /** Resolves when this item's background work (poster, filmstrip, peaks, proxy) is done. */
  settled(mediaId: string): Promise<void>;
  /** Resolves when no background work is left (tests, shutdown). */
  idle(): Promise<void>;
  /** Picks up background work a stopped process left unfinished; returns how many items. */
  resume(): number;
}

/** Final exports (cost credits) and previews (free, quick), rendered by the queue. */
export interface Exports {
  /** Freezes credits (2001 when short), snapshots the draft (or `part`'s) and queues the render. */
  start(
    sessionId: string,
    tokenId: string,
    input: StartExport,
    part?: { draft: Draft; name: string },
  ): ExportRecord;
  get(sessionId: string, jobId: string): ExportRecord;
  /** Final exports of the session, newest first (previews are not listed). */
  list(sessionId: string): ExportRecord[];
  /** Resolves once the job has really stopped (ffmpeg killed), or after 5 s at most. */
  cancel(sessionId: string, jobId: string): Promise<ExportRecord>;
  /** Resolves once the job is in a final status (at once if it is, or if it does not exist). */
  settled(jobId: string): Promise<void>;
  /** Deletes a finished export with its files and share link; conflict while it renders. */
  remove(sessionId: string, jobId: string): void;
  /** Progress and status changes of one job; returns an unsubscribe function. */
  subscribe(jobId: string, listener: (job: ExportRecord) => void): () => void;
  /** The local file (STORAGE=disk only). */
  file(sessionId: string, jobId: string, format: DownloadKind): ExportFile;
  /** What a download answers: the local file, or with STORAGE=s3 a presigned link. */
  download(sessionId: string, jobId: string, format: DownloadKind): Promise<ExportDownload>;
  /** A path ffmpeg or the CLI can read, whichever the storage (s3: a cached copy). */
  localFile(sessionId: string, jobId: string, format: DownloadKind): Promise<ExportFile>;
  /** Withdraws the export's share link. */
  revokeShare(sessionId: string, jobId: string): ExportRecord;
  /** The id of the newest finished preview, for the studio's player. */
  latestPreviewId(sessionId: string): string | null;
  /** A share link's export, readable without a session; `file` only with STORAGE=disk. */
  shared(shareId: string): {
    job: ExportRecord;
    title: string;
    hasPoster: boolean;
    file?: ExportFile;
  };
  /** The shared video (or its poster) as a download answer, without a session. */
  sharedDownload(shareId: string, format?: "mp4" | "poster"): Promise<ExportDownload>;
  /** Deletes a removed project's stored exports and the chunk parts its failed exports kept. */
  forgetSession(sessionId: string): Promise<void>;
  /** Resolves when no render runs and no stored file is being deleted (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void> | void;
}

/** Speech to timed words per media item, cached per item, engine and language. */
export interface Transcripts {
  /** Timed words for a media item's speech, from the cache when it was recognised before. */
  get(media: MediaRecord, opts?: TranscribeOptions): Promise<Transcript>;
  /** A transcript already made for this media item by any engine, without running one. */
  cached(mediaId: string, language?: string): Transcript | null;
  /** Which speech engines this server has. */
  engines(): Promise<EngineStatus[]>;
  /** The label of the engine `get` would use now, or null when none can run. */
  activeEngine(language?: string): Promise<string | null>;
}

/** Deleting projects: by their owner, when their token expired long ago, and old previews. */
export interface Retention {
  removeProject(sessionId: string): Promise<void>;
  /** Removes expired visitors' projects and old previews (runs hourly in the web process). */
  sweep(): Promise<SweepResult>;
}

export type { AnalysisResults };

/** The plans of past chat turns: the planner reads the last one for follow-ups. */
export interface PlanHistory {
  save(
    sessionId: string,
    request: string,
    plan: Plan,
    planner: string,
    version: number | null,
  ): void;
  /** The newest plan of any kind, so a typed answer can find the question it answers. */
  last(sessionId: string): PlanRecord | null;
  /** The newest plan that changed something (edits and exports), or null. */
  lastEdit(sessionId: string): PlanRecord | null;
}

/** A visitor whose token and session ownership were checked once (Engine.forCaller). */
export interface CallerSession {
  tokenId: string;
  session: SessionRow;
  sessionId: string;
}

/** The whole embedded engine. */
export interface Engine {
  config: EngineConfig;
  accounts: Accounts;
  sessions: Sessions;
  drafts: Drafts;
  messages: Messages;
  media: MediaLibrary;
  exports: Exports;
  transcripts: Transcripts;
  retention: Retention;
  /** Finished intro and pause analyses per media item. */
  analysis: AnalysisResults;
  /** The plans of past chat turns. */
  plans: PlanHistory;
  /**
   * The caller behind a bearer token and a session id: 1001 when the token is missing,
   * unknown or expired; 1002 when the session is not theirs. The one ownership check.
   */
  forCaller(token: string | undefined, sessionId: string | undefined): CallerSession;
}
