import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileStore } from "@tus/file-store";
import { ERRORS, MemoryLocker, type Lock, type Locker, type RequestRelease } from "@tus/server";
import { createOffThreadHash, type OffThreadHash } from "./hash-off-thread";

// @tus/file-store, changed in three ways for uploads at disk speed:
//  - it reads the request's own socket stream (scripts/server.mjs hands it over; see
//    lib/server/http/request-body.ts) instead of the web stream tus would read, which
//    costs a copy and promise hops per chunk: the route gives tus a body-less copy of the
//    request and puts the socket stream here, in `uploadRequest`, for this request only;
//  - it writes with a 1 MB buffer (writev batches), like the multipart path;
//  - it hashes (sha256, on the hash worker) as bytes arrive, so a finished upload is not
//    read back from disk to be hashed. Any doubt (a broken request, a restart, a resume
//    from another offset) drops that hash and the file is hashed after its last byte.
// The size limit is the upload's declared length: a request never writes past it.

export interface UploadRequest {
  /** The session making this request (its uploads are the only ones it may touch). */
  sessionId: string;
  /** The request body as the socket's Node stream, when the server handed it over. */
  body: Readable | null;
  /** Fired when a newer request for the same upload wants the lock (a client that reconnected). */
  yielded: AbortController;
}

export const uploadRequest = new AsyncLocalStorage<UploadRequest>();

interface RunningHash {
  /** Bytes hashed so far: the next write must start exactly here to continue. */
  offset: number;
  hash: OffThreadHash;
}

class PastDeclaredLength extends Error {}

export class SocketFileStore extends FileStore {
  private readonly hashes = new Map<string, RunningHash>();

  async write(readable: Readable, id: string, offset: number): Promise<number> {
    const ctx = uploadRequest.getStore();
    const source = ctx?.body ?? readable;
    if (source !== readable) readable.resume(); // tus's empty stand-in for the body we read instead
    if (!/^[0-9a-f]{16,64}$/.test(id)) throw ERRORS.FILE_NOT_FOUND; // tus's own ids: hex, never a path
    const info = await this.configstore.get(id);
    if (!info || info.size === undefined) throw ERRORS.FILE_NOT_FOUND;
    const room = info.size - offset;

    let running = this.hashes.get(id);
    if (running && running.offset !== offset) this.forget(id);
    if (!running || running.offset !== offset)
      running = offset === 0 ? { offset: 0, hash: createOffThreadHash() } : undefined;
    if (running) this.hashes.set(id, running);

    let received = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        received += chunk.length;
        if (received > room) return done(new PastDeclaredLength());
        const wait = running?.hash.update(chunk);
        if (wait) wait.then(() => done(null, chunk), done);
        else done(null, chunk);
      },
    });
    // A newer request for this upload takes over: stop reading this one, keep what arrived.
    const onYield = () => {
      source.unpipe(meter);
      meter.end();
    };
    ctx?.yielded.signal.addEventListener("abort", onYield, { once: true });
    const file = fs.createWriteStream(path.join(this.directory, id), {
      flags: "r+",
      start: offset,
      highWaterMark: 1024 * 1024,
    });
    try {
      await pipeline(source, meter, file);
    } catch (err) {
      // Some bytes may have been hashed but not written: the hash can no longer be trusted.
      this.forget(id);
      if (err instanceof PastDeclaredLength) throw ERRORS.ERR_SIZE_EXCEEDED;
      throw ERRORS.ABORTED;
    } finally {
      ctx?.yielded.signal.removeEventListener("abort", onYield);
    }
    if (running) running.offset = offset + received;
    return offset + received;
  }

  /**
   * The sha256 of a finished upload when it was hashed on arrival (still on its way: the
   * worker may have a few MB left, so the checks start beside it), else null.
   */
  finishedHash(id: string, size: number): Promise<string> | null {
    const running = this.hashes.get(id);
    this.hashes.delete(id);
    if (!running) return null;
    if (running.offset !== size) {
      running.hash.drop();
      return null;
    }
    return running.hash.digest();
  }

  /** Forgets an upload's running hash (removed, expired, or no longer trustworthy). */
  forget(id: string): void {
    this.hashes.get(id)?.hash.drop();
    this.hashes.delete(id);
  }

  async remove(id: string): Promise<void> {
    this.forget(id);
    await super.remove(id);
  }
}

/**
 * tus's in-memory locker, plus: when a newer request asks for an upload's lock, the
 * request holding it stops reading its socket (SocketFileStore reads the socket itself,
 * so tus's own way of ending the older request does not reach it).
 */
export class YieldingLocker implements Locker {
  private readonly inner = new MemoryLocker();

  newLock(id: string): Lock {
    const lock = this.inner.newLock(id);
    return {
      lock(signal: AbortSignal, requestRelease: RequestRelease) {
        const holder = uploadRequest.getStore();
        return lock.lock(signal, () => {
          holder?.yielded.abort();
          return requestRelease();
        });
      },
      unlock: () => lock.unlock(),
    };
  }
}
