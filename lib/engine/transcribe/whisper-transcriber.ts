import { fork } from "node:child_process";
import { acquireProcessSlot } from "../ffmpeg/process-pool";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { ensureWhisperModel, resolveWhisperModel } from "./whisper-model";
import { isUnspacedLanguage, splitUnspacedWords, spreadWords } from "./spread-words";
import type { TimedWord, Transcriber, Transcript } from "./types";

// whisper.cpp through @fugood/whisper.node's prebuilt native module (shipped inside the
// npm package, nothing downloaded at install). The model file and its first-use download
// (multilingual by default; offline fails fast and is remembered) are in whisper-model.ts.
// Word timings come from whisper.cpp's token timestamps with one token per segment
// (max_len 1), merged back into words here; Chinese, Japanese and Korean run by segment.

/** The prebuilt module for this platform; package.json lists linux-x64 as optional, others install the same way. */
export const WHISPER_PACKAGE = `@fugood/node-whisper-${process.platform}-${process.arch}`;

/** What the child process sends back: one segment per token (max_len 1). */
export interface WhisperRawResult {
  language?: string;
  segments: { text: string; t0: number; t1: number }[];
  isAborted: boolean;
}

export interface WhisperJob {
  modelPath: string;
  wavPath: string;
  options: Record<string, unknown>;
  signal?: AbortSignal;
  onProgress?: (ratio: number) => void;
}

export type WhisperRunner = (job: WhisperJob) => Promise<WhisperRawResult>;

export interface WhisperOptions {
  /** Explicit model path (WHISPER_MODEL). */
  modelPath?: string;
  /** Where to fetch the model when none is on disk. */
  modelUrl?: string;
  /** Fetch from the default URL when no model is configured (TRANSCRIBER=whisper or auto). */
  fetchDefault?: boolean;
  cacheDir: string;
  sha256?: string;
  threads?: number;
  /** Whether the native module loads here; tests pass a fake. */
  loadBinding?: () => Promise<unknown>;
  /** Runs one recognition; by default in a child process (forkWhisper). */
  runner?: WhisperRunner;
  fetch?: typeof fetch;
  /** Connect timeout of the download, ms (tests shorten it). */
  connectTimeoutMs?: number;
  now?: () => number;
}

/** "ggml-base.en.bin" -> "base.en", for the reply ("whisper.cpp (base.en)"). */
export function modelName(file: string): string {
  return path
    .basename(file)
    .replace(/^ggml-/, "")
    .replace(/\.bin$/, "");
}

/** Tokens (one per segment) -> words: a token starting with a space begins a word. */
export function wordsFromTokenSegments(
  segments: { text: string; t0: number; t1: number }[],
): TimedWord[] {
  const words: TimedWord[] = [];
  for (const seg of segments) {
    const text = seg.text;
    if (!text.trim()) continue;
    const last = words[words.length - 1];
    if (last && !/^\s/.test(text)) {
      last.w += text;
      last.e = Math.max(last.e, seg.t1);
    } else {
      words.push({ w: text.trim(), s: seg.t0, e: Math.max(seg.t0, seg.t1) });
    }
  }
  // Non-speech annotations ("[BLANK_AUDIO]", "(music)") and special tokens are not words.
  return words.filter((w) => !/^[[(].*[\])]$/.test(w.w) && !/^\[_.*_\]$/.test(w.w));
}

/** Whole segments -> words: timed in proportion within each segment, CJK by character. */
export function wordsFromSegments(
  segments: { text: string; t0: number; t1: number }[],
): TimedWord[] {
  const speech = segments.filter((seg) => !/^\s*[[(].*[\])]\s*$/.test(seg.text));
  return splitUnspacedWords(
    spreadWords(speech.map((seg) => ({ start: seg.t0, end: seg.t1, text: seg.text }))),
  );
}

export async function loadWhisperBinding(): Promise<unknown> {
  // Loaded at run time by name, so bundlers leave the native module alone.
  type ModuleApi = typeof import("node:module");
  const getBuiltin = (process as unknown as { getBuiltinModule?: (id: string) => ModuleApi })
    .getBuiltinModule;
  const nodeModule =
    getBuiltin?.("node:module") ??
    ((await import(/* webpackIgnore: true */ "node:module")) as unknown as ModuleApi);
  const req = nodeModule.createRequire(path.join(process.cwd(), "package.json"));
  const binding = req(WHISPER_PACKAGE) as { WhisperContext?: unknown };
  if (typeof binding.WhisperContext !== "function")
    throw new Error(`${WHISPER_PACKAGE} has no WhisperContext`);
  return binding;
}

export function createWhisperTranscriber(opts: WhisperOptions): Transcriber {
  const { modelPath, url, sha256 } = resolveWhisperModel(opts);
  const now = opts.now ?? Date.now;
  const multilingual = !/\.en(\.|$)/.test(path.basename(modelPath));
  const label = `whisper.cpp (${modelName(modelPath)})`;
  let binding: Promise<unknown> | null = null;
  const runner = opts.runner ?? forkWhisper;
  let queue: Promise<unknown> = Promise.resolve();

  const getBinding = () => {
    binding ??= (opts.loadBinding ?? loadWhisperBinding)().catch(() => null);
    return binding;
  };

  function ensureModel(o: Parameters<Transcriber["transcribe"]>[1]): Promise<string> {
    return ensureWhisperModel(
      { modelPath, url, sha256 },
      {
        configuredPath: opts.modelPath,
        signal: o?.signal,
        fetch: opts.fetch,
        connectTimeoutMs: opts.connectTimeoutMs,
        now,
        onProgress: (ratio) => o?.onProgress?.({ stage: "download", ratio }),
      },
    );
  }

  async function run(
    wavPath: string,
    o: Parameters<Transcriber["transcribe"]>[1] = {},
  ): Promise<Transcript> {
    if (!(await getBinding())) {
      throw new AppError(
        "unavailable",
        `The whisper.cpp module (${WHISPER_PACKAGE}) could not be loaded on this machine. Use another captions engine.`,
      );
    }
    const file = await ensureModel(o);
    if (o.signal?.aborted) throw new AppError("cancelled", "The job was cancelled.");
    // No language asked: a multilingual model detects it (Chinese speech, Chinese captions).
    const asked =
      o.language === undefined || o.language === "auto"
        ? multilingual
          ? "auto"
          : "en"
        : o.language.split("-")[0];
    const pass = (language: string, byToken: boolean) =>
      runner({
        modelPath: file,
        wavPath,
        // One token per segment times each word; whole segments keep multi-byte characters whole.
        options: byToken
          ? { language, tokenTimestamps: true, maxLen: 1, maxThreads: opts.threads ?? 2 }
          : { language, maxThreads: opts.threads ?? 2 },
        signal: o.signal,
        onProgress: (ratio) => o.onProgress?.({ stage: "transcribe", ratio }),
      }).then((r) => {
        if (r.isAborted || o.signal?.aborted)
          throw new AppError("cancelled", "The job was cancelled.");
        return r;
      });
    const engine = `whisper.cpp (${modelName(file)})`;
    // Chinese, Japanese, Korean: a character is often split over two tokens, and one token
    // per segment would cut it in half (U+FFFD), so those run by segment, words spread out.
    if (isUnspacedLanguage(asked))
      return {
        engine,
        language: asked,
        words: wordsFromSegments((await pass(asked, false)).segments),
      };
    const result = await pass(asked, true);
    const language = asked === "auto" ? result.language || "auto" : asked;
    if (
      isUnspacedLanguage(language) ||
      result.segments.some((seg) => seg.text.includes("\ufffd"))
    ) {
      return {
        engine,
        language,
        words: wordsFromSegments(
          (await pass(language === "auto" ? asked : language, false)).segments,
        ),
      };
    }
    return { engine, language, words: wordsFromTokenSegments(result.segments) };
  }

  return {
    id: "whisper",
    label,
    // English-only models (".en") cannot do other languages.
    supportsLanguage: (language) =>
      multilingual || language.startsWith("en") || language === "auto",
    async available() {
      if (!(await getBinding())) return false;
      // A configured download URL counts: the model is fetched on first use.
      return (await exists(modelPath)) || Boolean(url);
    },
    transcribe(wavPath, o) {
      // whisper.cpp uses every thread it is given: one recognition at a time, the rest queue.
      const next = queue.then(() => run(wavPath, o));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.promises.access(file).then(
    () => true,
    () => false,
  );
}

/** Where the child script lives: beside this file in the source tree (Next.js bundles move this file, not the script). */
export function whisperChildPath(): string {
  return path.join(process.cwd(), "lib", "engine", "transcribe", "whisper-child.cjs");
}

/**
 * Runs one recognition in a child process, so a crash in whisper.cpp cannot take the
 * server down. It takes a slot of the media-process pool like ffmpeg does (the heaviest
 * tool of all), so captions for many visitors wait in line instead of running at once.
 */
export async function forkWhisper(job: WhisperJob): Promise<WhisperRawResult> {
  const release = await acquireProcessSlot(job.signal);
  try {
    return await forkWhisperNow(job);
  } finally {
    release();
  }
}

function forkWhisperNow(job: WhisperJob): Promise<WhisperRawResult> {
  if (job.signal?.aborted)
    return Promise.reject(new AppError("cancelled", "The job was cancelled."));
  const script = whisperChildPath();
  if (!fs.existsSync(script)) {
    return Promise.reject(
      new AppError(
        "internal",
        `The whisper.cpp helper script is missing (${script}). Start the server from the project folder.`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
    });
    let stderr = "";
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      job.signal?.removeEventListener("abort", onAbort);
      fn();
    };
    const onAbort = () => {
      child.kill("SIGKILL");
      settle(() => reject(new AppError("cancelled", "The job was cancelled.")));
    };
    job.signal?.addEventListener("abort", onAbort, { once: true });
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (c: string) => {
      stderr = (stderr + c).slice(-4000);
    });
    child.on(
      "message",
      (msg: { type: string; ratio?: number; result?: WhisperRawResult; message?: string }) => {
        if (msg.type === "progress" && typeof msg.ratio === "number") job.onProgress?.(msg.ratio);
        else if (msg.type === "done" && msg.result) settle(() => resolve(msg.result!));
        else if (msg.type === "error")
          settle(() => reject(modelError(job.modelPath, msg.message ?? "")));
      },
    );
    child.on("error", (err) =>
      settle(() =>
        reject(
          new AppError("internal", `Could not start whisper.cpp: ${err.message}`, { cause: err }),
        ),
      ),
    );
    child.on("exit", (code, sig) => {
      const tail = stderr.trim().split("\n").slice(-2).join(" | ");
      settle(() => reject(modelError(job.modelPath, `exit ${code ?? sig}: ${tail}`)));
    });
    child.send({
      cwd: process.cwd(),
      packageName: WHISPER_PACKAGE,
      modelPath: job.modelPath,
      wavPath: job.wavPath,
      options: job.options,
    });
  });
}

function modelError(modelPath: string, detail: string): AppError {
  return new AppError(
    "unavailable",
    `whisper.cpp stopped while using the model ${path.basename(modelPath)}; the file may be damaged. Delete it to download it again, or set WHISPER_MODEL to a good ggml model.`,
    { cause: new Error(detail) },
  );
}
