import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";

// Fetches a model file once into the cache folder: streams to "<name>.part" (resuming
// it with a Range request after an interruption), checks the size, the ggml magic and
// an optional sha256, and only then renames it into place, so a half-written file is
// never mistaken for a model. Offline machines get a sentence saying what to do.
// Shared by the whisper transcriber and the local planner model (lib/engine/planner/llama):
// `wording` names the model and the settings in the sentences users read.

export interface FetchModelOptions {
  url: string;
  /** Final path of the model file. */
  dest: string;
  /** Hex sha256 the file must have, when known. */
  sha256?: string;
  /** Check the first bytes are a ggml model (whisper.cpp's "ggml" magic). */
  expectGgml?: boolean;
  /** Check the first bytes are this magic instead (e.g. GGUF_MAGIC), naming the format in the error. */
  expectMagic?: { bytes: Buffer; format: string };
  /** How the sentences name the model and its settings; the whisper model's by default. */
  wording?: ModelWording;
  signal?: AbortSignal;
  onProgress?: (p: { received: number; total: number | null; ratio: number | null }) => void;
  fetch?: typeof fetch;
  /** Give up when no bytes arrive for this long (a stalled connection), ms. */
  idleTimeoutMs?: number;
  /** Give up when the server has not answered within this long (offline, no route), ms. */
  connectTimeoutMs?: number;
}

export interface ModelWording {
  /** "speech model" */
  model: string;
  /** The setting holding the download URL, e.g. WHISPER_MODEL_URL. */
  urlSetting: string;
  /** The setting holding a path to a model downloaded by hand, e.g. WHISPER_MODEL. */
  pathSetting: string;
  /** What else the user can do offline: "or use another captions engine". */
  otherwise: string;
}

const WHISPER_WORDING: ModelWording = {
  model: "speech model",
  urlSetting: "WHISPER_MODEL_URL",
  pathSetting: "WHISPER_MODEL",
  otherwise: "or use another captions engine",
};

/** whisper.cpp model files start with 0x67676d6c ("ggml") as a little-endian uint32. */
export const GGML_MAGIC = Buffer.from([0x6c, 0x6d, 0x67, 0x67]);
/** llama.cpp model files (GGUF) start with the ASCII bytes "GGUF". */
export const GGUF_MAGIC = Buffer.from("GGUF", "ascii");

const inFlight = new Map<string, Promise<string>>();

/** Returns `dest`, downloading it first when it is not there. Concurrent calls share one download. */
export function fetchModel(opts: FetchModelOptions): Promise<string> {
  const running = inFlight.get(opts.dest);
  if (running) return running;
  const p = download(opts).finally(() => inFlight.delete(opts.dest));
  inFlight.set(opts.dest, p);
  return p;
}

async function download(opts: FetchModelOptions): Promise<string> {
  if (await exists(opts.dest)) return opts.dest;
  await fs.promises.mkdir(path.dirname(opts.dest), { recursive: true });
  // A stalled connection never ends on its own: abort when nothing arrives for a while.
  const idle = new AbortController();
  const idleMs = opts.idleTimeoutMs ?? 60_000;
  let timer = setTimeout(() => idle.abort(), idleMs);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(), idleMs);
  };
  const signal = opts.signal ? AbortSignal.any([opts.signal, idle.signal]) : idle.signal;
  try {
    return await transfer(opts, signal, touch);
  } finally {
    clearTimeout(timer);
  }
}

async function transfer(
  opts: FetchModelOptions,
  signal: AbortSignal,
  touch: () => void,
): Promise<string> {
  const doFetch = opts.fetch ?? fetch;
  const part = `${opts.dest}.part`;
  const host = safeOrigin(opts.url);
  let offset = (await fs.promises.stat(part).catch(() => null))?.size ?? 0;
  let res: Response;
  // A machine without a route to the host can wait minutes for the connection to fail:
  // callers that have another way (pocketsphinx) set a short limit for the answer to start.
  const connect = new AbortController();
  const connectTimer = opts.connectTimeoutMs
    ? setTimeout(() => connect.abort(), opts.connectTimeoutMs)
    : undefined;
  try {
    res = await doFetch(opts.url, {
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      signal: AbortSignal.any([signal, connect.signal]),
      redirect: "follow",
    });
  } catch (err) {
    throw offlineError(err, host, opts);
  } finally {
    clearTimeout(connectTimer);
  }
  if (res.status === 416 && offset > 0) {
    // The partial file is already whole (or longer than the file): start over cleanly.
    await fs.promises.rm(part, { force: true });
    return transfer(opts, signal, touch);
  }
  const w = opts.wording ?? WHISPER_WORDING;
  if (!res.ok || !res.body) {
    throw new AppError(
      "unavailable",
      `Could not download the ${w.model} from ${host} (HTTP ${res.status}). Check ${w.urlSetting}, or download the model yourself and set ${w.pathSetting} to its path.`,
    );
  }
  if (res.status !== 206) offset = 0; // the server ignored the Range header: full body follows
  const total = totalSize(res, offset);

  const out = fs.createWriteStream(part, { flags: offset > 0 ? "a" : "w" });
  let received = offset;
  try {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      touch();
      if (!out.write(value)) await new Promise<void>((r) => out.once("drain", () => r()));
      opts.onProgress?.({ received, total, ratio: total ? Math.min(1, received / total) : null });
    }
  } catch (err) {
    // Keep the .part file: the next attempt resumes from where this one stopped.
    throw offlineError(err, host, opts);
  } finally {
    await new Promise<void>((r) => out.end(() => r()));
  }

  if (total !== null && received !== total) {
    throw new AppError(
      "unavailable",
      `The ${w.model} download from ${host} stopped early (${received} of ${total} bytes). Try again; it will resume.`,
    );
  }
  await verify(part, opts);
  await fs.promises.rename(part, opts.dest);
  return opts.dest;
}

async function verify(file: string, opts: FetchModelOptions): Promise<void> {
  const w = opts.wording ?? WHISPER_WORDING;
  const bad = async (why: string) => {
    await fs.promises.rm(file, { force: true });
    throw new AppError(
      "upstream",
      `The downloaded ${w.model} is not usable (${why}), so it was deleted. Check ${w.urlSetting} and try again.`,
    );
  };
  const magic =
    opts.expectMagic ??
    (opts.expectGgml ? { bytes: GGML_MAGIC, format: "whisper.cpp ggml" } : undefined);
  if (magic) {
    const fh = await fs.promises.open(file, "r");
    const head = Buffer.alloc(magic.bytes.length);
    await fh.read(head, 0, head.length, 0).finally(() => fh.close());
    if (!head.equals(magic.bytes)) await bad(`it is not a ${magic.format} model file`);
  }
  if (opts.sha256) {
    const hash = crypto.createHash("sha256");
    for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
    if (hash.digest("hex") !== opts.sha256.toLowerCase()) await bad("its checksum does not match");
  }
}

function totalSize(res: Response, offset: number): number | null {
  const range = /\/(\d+)\s*$/.exec(res.headers.get("content-range") ?? "");
  if (res.status === 206 && range) return Number(range[1]);
  const len = Number(res.headers.get("content-length"));
  return Number.isFinite(len) && len > 0 ? len + (res.status === 206 ? offset : 0) : null;
}

function offlineError(err: unknown, host: string, opts: FetchModelOptions): AppError {
  if (opts.signal?.aborted) return new AppError("cancelled", "The model download was cancelled.");
  const w = opts.wording ?? WHISPER_WORDING;
  return new AppError(
    "unavailable",
    `Could not download the ${w.model} from ${host}: this machine may be offline. Download it elsewhere and set ${w.pathSetting} to its path, ${w.otherwise}.`,
    { cause: err },
  );
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.promises.access(file).then(
    () => true,
    () => false,
  );
}
