import "server-only";
import { exportDownloadUrl, sharePageUrl } from "../../links";
import { AppError } from "@/lib/errors";
import type { Draft } from "@/lib/draft/schema";
import type { ExportJob } from "@/lib/export/schema";
import type { MediaItem } from "@/lib/media/schema";
import type { Project } from "@/lib/state/schema";
import type { Caller, TokenCaller } from "../types";
import { unwrap, type CallOptions, type NemoClient } from "./nemo-client";
import type { NemoStore, MediaRow, ProjectRow, RenderRow } from "./nemo-store";
import { decodeDraft, linkMedia } from "./decode-draft";

// What every part of the nemo backend shares: the HTTP client, the local records, the
// token resolution, and the conversions to the studio's shapes.

/** Stands in the cookie for the operator's NEMO_TOKEN, so the real token never leaves the server's env. */
export const ENV_TOKEN = "nemo-env-token";

export interface NemoSettings {
  token?: string;
  pollMs: number;
  registerUrl: string;
  /** Chat turns run at most this long (15 minutes). */
  chatTimeoutMs: number;
  uploadTimeoutMs: number;
  maxUploadBytes: number;
}

export interface NemoContext {
  client: NemoClient;
  store: () => NemoStore;
  /** Counts a new token for a client address; 429 when it has taken too many. */
  limitNewToken: (ip: string) => void;
  settings: NemoSettings;
  now: () => number;
}

export const iso = (ms: number) => new Date(ms).toISOString();

export function bearer(ctx: NemoContext, caller: TokenCaller): string {
  if (caller.token === ENV_TOKEN) {
    if (!ctx.settings.token)
      throw new AppError(
        1001,
        "This server's NemoVideo token is no longer configured. Reload the page to reconnect.",
      );
    return ctx.settings.token;
  }
  if (!caller.token)
    throw new AppError(1001, "You are not connected to NemoVideo yet. Reload the page to connect.");
  return caller.token;
}

/** The visitor's project record; someone else's (or an unknown) session is "not found" (1002). */
export function ownProject(ctx: NemoContext, caller: Caller): ProjectRow {
  const row = ctx.store().project(caller.sessionId);
  if (!row || row.clientId !== caller.clientId) {
    throw new AppError(
      1002,
      "That project was not found, so a new one was started. Upload your clips again to continue.",
    );
  }
  return row;
}

/** A request on behalf of a caller: bearer token and the bind id for 2001 links. */
export function callAs(
  ctx: NemoContext,
  caller: TokenCaller,
  opts: Omit<CallOptions, "token">,
  bindId?: string | null,
): Promise<unknown> {
  return ctx.client.call({
    ...opts,
    token: bearer(ctx, caller),
    bindId: bindId ?? opts.bindId,
    signal: opts.signal ?? caller.signal,
  });
}

export interface CloudState {
  /** The draft exactly as the cloud sent it (what a render gets). */
  raw: unknown;
  draft: Draft;
  notes: string[];
}

/** The last state read per session (the chat route checks the session right before a turn). */
const recent = new WeakMap<
  NemoContext,
  Map<string, { at: number; token: string; state: CloudState }>
>();
const REUSE_MS = 5_000;

/**
 * The session's state from the cloud. `reuse` accepts one read in the last few seconds
 * by the same token (the draft before a chat turn), saving a round trip per message.
 */
export async function fetchState(
  ctx: NemoContext,
  caller: Caller,
  project: ProjectRow,
  reuse = false,
): Promise<CloudState> {
  let cache = recent.get(ctx);
  if (!cache) recent.set(ctx, (cache = new Map()));
  const hit = cache.get(caller.sessionId);
  if (reuse && hit && hit.token === caller.token && ctx.now() - hit.at < REUSE_MS) return hit.state;
  const body = await callAs(
    ctx,
    caller,
    {
      path: `/api/state/nemo_agent/me/${encodeURIComponent(caller.sessionId)}/latest`,
      what: "loading your timeline",
    },
    project.taskId ?? caller.sessionId,
  );
  const data = unwrap<Record<string, unknown>>(body) ?? {};
  const state = (data.state && typeof data.state === "object" ? data.state : data) as Record<
    string,
    unknown
  >;
  const raw = state.draft ?? null;
  const decoded = decodeDraft(raw, project.title);
  const draft = linkMedia(decoded.draft, ctx.store().mediaList(caller.sessionId));
  const fresh: CloudState = { raw, draft, notes: decoded.notes };
  cache.set(caller.sessionId, { at: ctx.now(), token: caller.token, state: fresh });
  return fresh;
}

export function toProject(row: ProjectRow): Project {
  return {
    id: row.sessionId,
    title: row.title,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function toItem(row: MediaRow): MediaItem {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    size: row.size,
    url: row.url,
    duration: row.duration,
    width: row.width,
    height: row.height,
    fps: row.fps,
    vfr: false,
    rotation: 0,
    hasAudio: row.kind !== "image",
    hasCover: false,
    videoCodec: null,
    audioCodec: null,
    hash: row.hash,
    posterUrl: null,
    filmstripUrl: null,
    peaksUrl: null,
    previews: "ready", // the cloud makes none
    proxy: "none",
    createdAt: iso(row.createdAt),
  };
}

export function toJob(row: RenderRow, origin: string | null): ExportJob {
  const done = row.status === "completed" && row.outputUrl;
  return {
    id: row.id,
    status: row.status,
    progress: row.status === "completed" ? 100 : Math.round(row.progress),
    eta: null,
    preset: row.preset,
    name: null, // the whole timeline, never one clip of a batch
    width: null,
    height: null,
    outputUrl: done ? exportDownloadUrl(row.id) : null,
    shareUrl: done && row.shareId ? sharePageUrl(row.shareId, origin) : null,
    srtUrl: null,
    vttUrl: null,
    error: row.error,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
