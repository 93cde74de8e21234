import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";

// sha256 of an upload on a worker thread. Profiling the 500 MB upload benchmark showed
// hashing as the largest JavaScript cost on the request's thread (~0.23 s of ~0.55 s),
// and that thread also reads the socket, parses the multipart body and writes the file,
// so every millisecond spent there is upload time. Chunks are gathered into 1 MB slabs
// (one copy) and transferred (no second copy); the worker sends each slab back for reuse.
// At most MAX_IN_FLIGHT bytes wait for the worker: a slow worker slows the upload down
// instead of growing memory. One worker serves every upload of the process.

const SLAB = 1024 * 1024;
const MAX_IN_FLIGHT = 8 * SLAB;
const POOL = 12;

// Eval'd source: no separate file for the Next.js bundler to find and copy.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const crypto = require("node:crypto");
const jobs = new Map();
parentPort.on("message", (m) => {
  if (m.type === "update") {
    let h = jobs.get(m.id);
    if (!h) jobs.set(m.id, (h = crypto.createHash("sha256")));
    h.update(new Uint8Array(m.buf, 0, m.length));
    parentPort.postMessage({ id: m.id, type: "ack", buf: m.buf, length: m.length }, [m.buf]);
  } else if (m.type === "end") {
    const h = jobs.get(m.id) || crypto.createHash("sha256");
    jobs.delete(m.id);
    parentPort.postMessage({ id: m.id, type: "digest", hex: h.digest("hex") });
  } else if (m.type === "drop") {
    jobs.delete(m.id);
  }
});
`;

type Reply =
  | { id: number; type: "ack"; buf: ArrayBuffer; length: number }
  | { id: number; type: "digest"; hex: string };

interface Job {
  onAck(length: number): void;
  onDigest(hex: string): void;
  onFail(err: Error): void;
}

let worker: Worker | null = null;
const jobs = new Map<number, Job>();
const pool: ArrayBuffer[] = [];
let lastId = 0;

const hashFailed = (cause: unknown) =>
  new AppError(
    "internal",
    "Something went wrong while checking this file on the server. Please upload it again.",
    { cause },
  );

function failAll(err: Error): void {
  worker = null;
  for (const job of jobs.values()) job.onFail(err);
  jobs.clear();
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true });
  w.unref(); // an idle hasher never keeps the process alive
  w.on("message", (m: Reply) => {
    const job = jobs.get(m.id);
    if (m.type === "ack") {
      if (pool.length < POOL) pool.push(m.buf);
      job?.onAck(m.length);
    } else if (job) {
      jobs.delete(m.id);
      job.onDigest(m.hex);
    }
  });
  w.on("error", (err) => failAll(err));
  w.on("exit", (code) => {
    if (worker === w) failAll(new Error(`hash worker exited with code ${code}`));
  });
  worker = w;
  return w;
}

export interface OffThreadHash {
  /** Hashes `chunk` (copied now). Returns a promise when the caller should wait before the next chunk. */
  update(chunk: Uint8Array): Promise<void> | null;
  /** The sha256 hex of everything passed to update(). */
  digest(): Promise<string>;
  /** Forgets this hash (upload failed). */
  drop(): void;
}

export function createOffThreadHash(): OffThreadHash {
  const id = ++lastId;
  const w = theWorker();
  let slab: ArrayBuffer | null = null;
  let filled = 0;
  let inFlight = 0;
  let failure: Error | null = null;
  let waiter: { resolve(): void; reject(err: Error): void } | null = null;
  let finished: { resolve(hex: string): void; reject(err: Error): void } | null = null;

  const wake = () => {
    if (waiter && (failure || inFlight < MAX_IN_FLIGHT)) {
      const w0 = waiter;
      waiter = null;
      if (failure) w0.reject(failure);
      else w0.resolve();
    }
  };
  jobs.set(id, {
    onAck(length) {
      inFlight -= length;
      wake();
    },
    onDigest(hex) {
      finished?.resolve(hex);
    },
    onFail(err) {
      failure = hashFailed(err);
      wake();
      finished?.reject(failure);
    },
  });

  const flush = () => {
    if (!slab || filled === 0) return;
    inFlight += filled;
    w.postMessage({ id, type: "update", buf: slab, length: filled }, [slab]);
    slab = null;
    filled = 0;
  };

  return {
    update(chunk) {
      if (failure) return Promise.reject(failure);
      let at = 0;
      while (at < chunk.length) {
        slab ??= pool.pop() ?? new ArrayBuffer(SLAB);
        const n = Math.min(SLAB - filled, chunk.length - at);
        new Uint8Array(slab, filled, n).set(chunk.subarray(at, at + n));
        filled += n;
        at += n;
        if (filled === SLAB) flush();
      }
      if (inFlight < MAX_IN_FLIGHT) return null;
      return new Promise<void>((resolve, reject) => {
        waiter = { resolve, reject };
      });
    },
    digest() {
      if (failure) return Promise.reject(failure);
      flush();
      return new Promise<string>((resolve, reject) => {
        finished = { resolve, reject };
        w.postMessage({ id, type: "end" });
      });
    },
    drop() {
      jobs.delete(id);
      if (worker === w) w.postMessage({ id, type: "drop" });
    },
  };
}
