import "server-only";
import type { Readable } from "node:stream";
import type { Credits } from "@/lib/credits/schema";
import type { ChatEvent } from "@/lib/events/schema";
import type { ExportJob, StartExport } from "@/lib/export/schema";
import type { MediaItem, UploadResult } from "@/lib/media/schema";
import type { Project, SessionState } from "@/lib/state/schema";
import type { Op } from "@/lib/plan/schema";
import type { TranscriptView } from "@/lib/transcript/schema";

// The whole API surface the studio uses, as the NemoVideo service defines it: token,
// session, upload, chat stream, state (the draft), credits, export start / status /
// cancel, download. `local` runs the embedded engine; `nemo` proxies the cloud.

/** Who is asking: from the encrypted session cookie, never from the browser's JS. */
export interface Caller {
  token: string;
  clientId: string;
  sessionId: string;
  /** Aborted when the browser goes away. */
  signal: AbortSignal;
  /** Public origin of this app ("https://host"), for links in replies. */
  origin: string;
}

export type TokenCaller = Omit<Caller, "sessionId">;

export interface IssuedToken {
  token: string;
  /** ms since epoch, when known. */
  expiresAt: number | null;
}

/** A file to send: a local path (served with Range), a stream, or a redirect (cloud CDN). */
export type FileResult =
  | { kind: "file"; path: string; contentType: string; filename?: string; immutable?: boolean }
  | {
      kind: "stream";
      body: ReadableStream<Uint8Array>;
      size?: number;
      contentType: string;
      filename?: string;
    }
  | { kind: "redirect"; url: string };

export type MediaVariant = "source" | "play" | "poster" | "filmstrip" | "peaks";
export type DownloadFormat = "mp4" | "srt" | "vtt";

export interface UploadInput {
  /** The raw multipart body; streamed, never buffered whole. */
  body: ReadableStream<Uint8Array>;
  /**
   * The same body as the server's Node stream, when the server hands it over
   * (lib/server/http/request-body.ts): cheaper to read. A backend reads this or `body`, never both.
   */
  nodeBody?: Readable | null;
  contentType: string;
  contentLength: number | null;
}

export interface Backend {
  readonly kind: "local" | "nemo";

  /** A new anonymous token. `previous` lets the local engine carry a visitor's projects over on expiry. */
  createToken(clientId: string, ip: string, previous?: string): Promise<IssuedToken>;
  createSession(caller: TokenCaller, opts: { title?: string; language?: string }): Promise<Project>;
  /** The caller's session; 1002 when it does not exist (or is not theirs). */
  getSession(caller: Caller): Promise<Project>;
  listProjects(caller: TokenCaller): Promise<Project[]>;
  credits(caller: TokenCaller): Promise<Credits>;

  upload(caller: Caller, input: UploadInput): Promise<UploadResult>;
  importUrls(caller: Caller, urls: string[]): Promise<UploadResult>;
  /**
   * One request of the tus resumable upload protocol (/api/tus), answered as tus does; the
   * finishing PATCH answers with the UploadResult. `nodeBody`: the socket's stream when the
   * server hands it over. Optional: without it the studio sends files to upload().
   */
  resumableUpload?(caller: Caller, req: Request, nodeBody: Readable | null): Promise<Response>;
  listMedia(caller: Caller): Promise<MediaItem[]>;
  mediaFile(caller: Caller, mediaId: string, variant: MediaVariant): Promise<FileResult>;
  deleteMedia(caller: Caller, mediaId: string): Promise<void>;

  /** Streams the reply to one message. Errors after the first event come as `error` events. */
  chat(caller: Caller, message: string): AsyncIterable<ChatEvent>;
  state(caller: Caller): Promise<SessionState>;
  /** Direct edits from the studio (e.g. put clips on the timeline), same ops as the planner makes. */
  applyOps(caller: Caller, ops: Op[]): Promise<SessionState>;
  /**
   * The user's own .srt/.vtt as the captions track instead of speech recognition.
   * Optional: a backend without it makes POST /api/captions answer 503.
   */
  uploadCaptions?(caller: Caller, file: { name: string; bytes: Uint8Array }): Promise<SessionState>;
  /** The timeline's words for the transcript panel. Optional: without it GET /api/transcript answers 503. */
  transcript?(caller: Caller): Promise<TranscriptView>;
  /** Recognises the speech of the timeline's clips that have no transcript yet, then the view. */
  transcribe?(caller: Caller): Promise<TranscriptView>;
  undo(caller: Caller): Promise<SessionState>;
  redo(caller: Caller): Promise<SessionState>;

  startExport(caller: Caller, input: StartExport): Promise<ExportJob>;
  exportStatus(caller: Caller, exportId: string): Promise<ExportJob>;
  listExports(caller: Caller): Promise<ExportJob[]>;
  cancelExport(caller: Caller, exportId: string): Promise<ExportJob>;
  download(caller: Caller, exportId: string, format: DownloadFormat): Promise<FileResult>;
  /** Deletes a finished export with its files. Optional: without it the route answers 503. */
  deleteExport?(caller: Caller, exportId: string): Promise<void>;
  /** Deletes one of the caller's projects with its media, drafts and exports. Optional, like deleteExport. */
  deleteProject?(caller: TokenCaller, projectId: string): Promise<void>;
  /** Withdraws an export's share link (404 from then on). Optional: without it the route answers 503. */
  revokeShare?(caller: Caller, exportId: string): Promise<ExportJob>;

  /** Public share page data and file, no session needed. */
  sharedExport(shareId: string): Promise<{
    job: ExportJob;
    title: string;
    /** A poster picture can be fetched (share cards). */ hasPoster: boolean;
  }>;
  sharedFile(shareId: string, file?: "video" | "poster"): Promise<FileResult>;
}
