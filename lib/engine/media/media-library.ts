import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import type { EngineConfig } from "../engine-config";
import { newId } from "../ids";
import type { Db } from "../store/open-database";
import type { MediaLibrary } from "../api";
import { checkFileName } from "../ingest/check-file-name";
import { proxyReason } from "../ingest/derive-args";
import { downloadUrl, publicOnly, type LookupFn } from "../ingest/download-url";
import { examineFile } from "../ingest/examine-file";
import { hashFile } from "../ingest/hash-file";
import { makeFilmstrip, makePeaks, makePoster, makeProxy } from "../ingest/make-derived";
import { receiveMultipart } from "../ingest/receive-multipart";
import { writeHashed } from "../ingest/write-hashed";
import { checkRoom, freeBytes, lowDisk, overQuota, tokenOfSession } from "../retention/disk-room";
import { createBackgroundWork } from "./background-work";
import { createMediaStore } from "./media-store";
import { createDraftStore } from "../drafts/draft-store";
import { mediaFileOf, type MediaFileInfo, type MediaVariant } from "./media-item";
import { createSourceObjects } from "./source-objects";
import type { MediaRecord } from "./types";

export type { MediaFileInfo, MediaVariant } from "./media-item";

// engine.media: the session's media bin. Files live in <dataDir>/media/<session>/<media>/
// (source.<ext>, poster.jpg, filmstrip.jpg, peaks.json, proxy.mp4). An upload answers
// once the file is stored and checked (an image with its thumbnail); a video's poster
// (quick lane), filmstrip, peaks and the preview proxy follow in the background.

export interface IngestFailure {
  name: string;
  error: AppError;
}

export interface IngestResult {
  files: MediaRecord[];
  failed: IngestFailure[];
}

export interface MediaOptions {
  /** DNS resolver for URL imports (tests). */
  lookup?: LookupFn;
  /** Overrides which addresses URL imports may reach (tests). */
  allowAddress?: (ip: string) => boolean;
  /** Resume unfinished background work on start (default true). */
  resume?: boolean;
}

export type { MediaLibrary } from "../api";

export function createMedia(
  db: Db,
  config: EngineConfig,
  options: MediaOptions = {},
): MediaLibrary {
  const store = createMediaStore(db);
  const drafts = createDraftStore(db);
  const root = path.join(config.dataDir, "media");
  const run = {
    ffmpegPath: config.ffmpegPath,
    ffprobePath: config.ffprobePath,
    maxPixels: config.maxSourcePixels,
  };
  // Upload order is the bin's order: stamped when a file starts arriving, strictly increasing.
  let lastStamp = 0;
  const stamp = () => (lastStamp = Math.max(Date.now(), lastStamp + 1));
  const work = createBackgroundWork((id, err) =>
    console.error(`[media ${id}] background work failed:`, err),
  );
  const sources = createSourceObjects(config);

  function get(sessionId: string, mediaId: string): MediaRecord {
    const r = store.get(sessionId, mediaId);
    if (!r)
      throw new AppError(
        "not_found",
        "This media file was not found in your project. It may have been deleted; upload it again.",
      );
    return r;
  }

  function queueBackground(m: MediaRecord): void {
    const src = m.path;
    const dir = path.dirname(src);
    if (m.posterStatus === "pending") {
      work.add(
        m.id,
        async (signal) => {
          const poster = path.join(dir, "poster.jpg");
          try {
            await makePoster(src, poster, m.probe, { ...run, signal });
            store.setPoster(m.id, poster);
          } catch (err) {
            // The first picture decoded at upload, so this is rare; the card keeps its icon.
            if (!signal.aborted) store.setPoster(m.id, null);
            throw err;
          }
        },
        "quick",
      );
    }
    if (m.extrasStatus === "pending") {
      work.add(m.id, async (signal) => {
        const ctx = { ...run, signal };
        const filmstrip = path.join(dir, "filmstrip.jpg");
        const peaks = path.join(dir, "peaks.json");
        const madeStrip = m.kind === "video" && (await makeFilmstrip(src, filmstrip, m.probe, ctx));
        const madePeaks =
          m.kind !== "image" && m.probe.hasAudio && (await makePeaks(src, peaks, m.probe, ctx));
        store.setExtras(m.id, {
          filmstrip: madeStrip ? filmstrip : null,
          peaks: madePeaks ? peaks : null,
        });
      });
    }
    if (m.proxyStatus === "pending") {
      work.add(m.id, async (signal) => {
        const proxy = path.join(dir, "proxy.mp4");
        try {
          await makeProxy(src, proxy, m.probe, { ...run, signal });
          store.setProxy(m.id, "ready", proxy);
        } catch (err) {
          if (!signal.aborted) store.setProxy(m.id, "failed", null);
          throw err;
        }
      });
    }
  }

  /** Checks a stored temp file and turns it into a media record; removes `dir` on failure. */
  // `hash` may still be on its way (a resumable upload hashed from disk): it runs beside the checks.
  async function finalize(
    sessionId: string,
    mediaId: string,
    dir: string,
    temp: string,
    name: string,
    written: { size: number; hash: string | Promise<string> },
    createdAt: number,
    signal?: AbortSignal,
  ): Promise<MediaRecord> {
    try {
      const hashing = Promise.resolve(written.hash);
      hashing.catch(() => undefined); // awaited below; a refusal from the checks must not leave it unhandled
      const { format, kind, probe, poster } = await examineFile(
        temp,
        written.size,
        path.join(dir, "poster.jpg"),
        { ...run, signal },
      );
      const hash = await hashing;
      const source = path.join(dir, `source.${format}`);
      await fs.promises.rename(temp, source);
      const record: MediaRecord = {
        id: mediaId,
        sessionId,
        kind,
        name,
        size: written.size,
        path: source,
        hash,
        probe,
        poster,
        filmstrip: null,
        peaks: null,
        proxy: null,
        proxyStatus: kind !== "image" && proxyReason(format, probe) ? "pending" : "none",
        createdAt,
        format,
        extrasStatus: kind === "image" ? "done" : "pending",
        posterStatus: kind === "video" ? "pending" : "done",
      };
      store.insert(record);
      queueBackground(record);
      // STORAGE=s3: the bucket gets a copy, for render workers that do not share this disk.
      work.add(record.id, () => sources.keep(sessionId, record.id, source));
      return record;
    } catch (err) {
      await fs.promises.rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  async function newSlot(sessionId: string): Promise<{ id: string; dir: string; temp: string }> {
    const id = newId("med");
    const dir = path.join(root, sessionId, id);
    await fs.promises.mkdir(dir, { recursive: true });
    return { id, dir, temp: path.join(dir, "incoming.part") };
  }

  const split = <T>(
    outcomes: ({ name: string } & ({ ok: true; value: T } | { ok: false; error: AppError }))[],
  ) => ({
    files: outcomes.flatMap((o) => (o.ok ? [o.value] : [])),
    failed: outcomes.flatMap((o) => (o.ok ? [] : [{ name: o.name, error: o.error }])),
  });

  const library: MediaLibrary = {
    list: (sessionId: string): MediaRecord[] => store.list(sessionId),
    get,

    /** Streams a multipart body ("files" field) into the session's media. */
    async upload(
      sessionId: string,
      body: Readable,
      contentType: string,
      signal?: AbortSignal,
    ): Promise<IngestResult> {
      // Low disk or a full quota refuses the whole request before a byte is stored.
      let room = checkRoom(db, config.dataDir, tokenOfSession(db, sessionId), config.disk);
      const outcomes = await receiveMultipart<MediaRecord>(body, {
        contentType,
        signal,
        onFile: async (rawName, stream) => {
          const name = checkFileName(rawName);
          const createdAt = stamp();
          const slot = await newSlot(sessionId);
          let written;
          try {
            written = await writeHashed(
              stream,
              slot.temp,
              Math.min(config.maxUploadBytes, room),
              signal,
            );
          } catch (err) {
            await fs.promises.rm(slot.dir, { recursive: true, force: true });
            // Stopped at the quota rather than at the upload limit: say so.
            if (err instanceof AppError && err.code === 4002 && room < config.maxUploadBytes)
              throw overQuota(config.disk.quotaBytes, config.disk.quotaBytes);
            throw err;
          }
          room -= written.size;
          return finalize(
            sessionId,
            slot.id,
            slot.dir,
            slot.temp,
            name,
            written,
            createdAt,
            signal,
          );
        },
      });
      if (outcomes.length === 0) {
        throw new AppError(
          "bad_request",
          'The upload had no files in it. Send them as multipart/form-data in the "files" field.',
          { field: "files" },
        );
      }
      return split(outcomes);
    },

    /**
     * Refuses, before a byte is sent, a file of `size` bytes that would not fit: in the
     * visitor's quota (STORAGE_QUOTA_MB, 4002) or on the disk (MIN_FREE_DISK_MB kept free).
     * For resumable uploads, which declare their length up front.
     */
    ensureRoom(sessionId: string, size: number): void {
      const room = checkRoom(db, config.dataDir, tokenOfSession(db, sessionId), config.disk);
      if (size > room) throw overQuota(config.disk.quotaBytes - room, config.disk.quotaBytes);
      if (freeBytes(config.dataDir) - size < config.disk.minFreeBytes) throw lowDisk();
    },

    /**
     * A whole file already on this disk (a finished resumable upload) into the session's
     * media: moved, not copied, then the same checks as a multipart upload. `hash` when it
     * was computed as the bytes arrived (or is being finished: the checks run beside it);
     * otherwise the file is hashed beside the checks.
     * The file is gone afterwards whether it was accepted or refused.
     */
    async ingestFile(
      sessionId: string,
      file: string,
      rawName: string,
      opts: { hash?: string | Promise<string>; signal?: AbortSignal } = {},
    ): Promise<IngestResult> {
      // A hash still on its way is awaited by the checks; a refusal before them must not leave it unhandled.
      if (opts.hash instanceof Promise) opts.hash.catch(() => undefined);
      let name: string;
      try {
        name = checkFileName(rawName);
      } catch (err) {
        await fs.promises.rm(file, { force: true });
        throw err;
      }
      const createdAt = stamp();
      const slot = await newSlot(sessionId);
      try {
        await fs.promises.rename(file, slot.temp);
      } catch (err) {
        await fs.promises.rm(slot.dir, { recursive: true, force: true });
        throw err;
      }
      const { size } = await fs.promises.stat(slot.temp);
      const hash = opts.hash ?? hashFile(slot.temp, opts.signal);
      try {
        const record = await finalize(
          sessionId,
          slot.id,
          slot.dir,
          slot.temp,
          name,
          { size, hash },
          createdAt,
          opts.signal,
        );
        return { files: [record], failed: [] };
      } catch (err) {
        const error =
          err instanceof AppError
            ? err
            : new AppError(
                "internal",
                "Something went wrong while saving this file. Please try again.",
                { cause: err },
              );
        return { files: [], failed: [{ name, error }] };
      }
    },

    /** Downloads each URL (one at a time) into the session's media. */
    async importUrls(
      sessionId: string,
      urls: string[],
      signal?: AbortSignal,
    ): Promise<IngestResult> {
      const outcomes = [];
      let room = checkRoom(db, config.dataDir, tokenOfSession(db, sessionId), config.disk);
      for (const url of urls) {
        const slot = await newSlot(sessionId);
        const createdAt = stamp();
        try {
          const got = await downloadUrl(url, slot.temp, {
            maxBytes: Math.min(config.maxUploadBytes, room),
            timeoutMs: config.urlImportTimeoutMs,
            allowAddress:
              options.allowAddress ?? (config.allowPrivateUrlImports ? () => true : publicOnly),
            lookup: options.lookup,
            signal,
          });
          const value = await finalize(
            sessionId,
            slot.id,
            slot.dir,
            slot.temp,
            got.name,
            got,
            createdAt,
            signal,
          );
          room -= got.size;
          outcomes.push({ name: url, ok: true as const, value });
        } catch (err) {
          await fs.promises.rm(slot.dir, { recursive: true, force: true });
          const error =
            err instanceof AppError
              ? err
              : new AppError(
                  "internal",
                  "Something went wrong while importing this link. Please try again.",
                  { cause: err },
                );
          outcomes.push({ name: url, ok: false as const, error });
        }
      }
      return split(outcomes);
    },

    /** The file behind one of a media item's URLs. */
    file: (sessionId: string, mediaId: string, variant: MediaVariant): MediaFileInfo =>
      mediaFileOf(get(sessionId, mediaId), variant),

    /** Deletes a media item and its files; refused while the current timeline uses it. */
    async delete(sessionId: string, mediaId: string): Promise<void> {
      const m = get(sessionId, mediaId);
      if (drafts.usesMedia(sessionId, m.id)) {
        throw new AppError(
          "conflict",
          `"${m.name}" is on the timeline. Remove it from the timeline first, then delete it.`,
        );
      }
      work.cancel(m.id);
      store.delete(sessionId, m.id);
      await work.settled(m.id);
      await fs.promises.rm(path.dirname(m.path), { recursive: true, force: true });
      await sources.forget(sessionId, m.id);
    },

    /** Stops the background work of every item of a session (its project is being deleted). */
    async forgetSession(sessionId: string): Promise<void> {
      const items = store.list(sessionId);
      for (const m of items) work.cancel(m.id);
      await Promise.all(items.map((m) => work.settled(m.id)));
      await sources.forget(sessionId);
    },

    /** Resolves when this item's background work (poster, filmstrip, peaks, proxy) is done. */
    settled: (mediaId: string) => work.settled(mediaId),
    idle: () => work.idle(),
    /** Picks up background work a stopped process left unfinished. */
    resume(): number {
      const rows = store.unfinished();
      rows.forEach(queueBackground);
      return rows.length;
    },
  };
  if (options.resume !== false) library.resume();
  return library;
}
