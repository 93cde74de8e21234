import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Db } from "../store/open-database";
import type { Transcripts } from "../api";
import type { EngineConfig } from "../engine-config";
import type { MediaRecord } from "../media/types";
import { extractAudio } from "./extract-audio";
import { allowedTranscribers, createTranscribers, type TranscriberMode } from "./pick-transcribers";
import type { TimedWord, TranscribeOptions, Transcriber, Transcript } from "./types";

// engine.transcripts: speech -> timed words for one media item, cached in the
// `transcripts` table per media item + engine + language, so asking for captions again
// (or the planner asking for filler words after captions) never re-runs recognition.

export interface TranscriptsDeps {
  /** The engines, best first; tests pass fakes. */
  transcribers?: Transcriber[];
  mode?: TranscriberMode;
  now?: () => number;
}

export interface EngineStatus {
  id: string;
  label: string;
  available: boolean;
}

const wordsSchema = z.array(
  z.object({ w: z.string(), s: z.number(), e: z.number(), p: z.number().optional() }),
);

export type { Transcripts } from "../api";

export function createTranscripts(
  db: Db,
  config: EngineConfig,
  deps: TranscriptsDeps = {},
): Transcripts {
  const mode = deps.mode ?? config.transcriber.engine;
  const all = deps.transcribers ?? createTranscribers(config);
  const now = deps.now ?? Date.now;
  const inFlight = new Map<string, Promise<Transcript>>();

  const readRow = db.prepare(
    "SELECT label, language, words FROM transcripts WHERE media_id = ? AND engine = ? AND language = ?",
  );
  const writeRow = db.prepare(
    "INSERT OR REPLACE INTO transcripts (media_id, engine, language, words, label, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );

  function cachedFor(mediaId: string, engine: Transcriber, language: string): Transcript | null {
    const row = readRow.get(mediaId, cacheKey(engine), language) as
      { label: string; language: string; words: string } | undefined;
    if (!row) return null;
    const words = wordsSchema.safeParse(JSON.parse(row.words));
    if (!words.success) return null; // unreadable cache: recognise again
    return {
      engine: row.label || engine.label || engine.id,
      language: row.language,
      words: words.data,
    };
  }

  /** Engines allowed by TRANSCRIBER that can run now and understand `language`, best first. */
  async function usable(language: string): Promise<Transcriber[]> {
    const allowed = allowedTranscribers(mode, all).filter(
      (t) => t.supportsLanguage?.(language) ?? true,
    );
    const ready = await Promise.all(allowed.map((t) => t.available().catch(() => false)));
    return allowed.filter((_, i) => ready[i]);
  }

  async function explainNone(language: string): Promise<never> {
    if (mode === "none") {
      throw new AppError(
        "unavailable",
        "Captions from speech are turned off on this server (TRANSCRIBER=none). Upload an .srt or .vtt file instead.",
      );
    }
    const allowed = allowedTranscribers(mode, all);
    if (
      allowed.length > 0 &&
      allowed.every((t) => t.supportsLanguage && !t.supportsLanguage(language))
    ) {
      throw new AppError(
        "validation",
        `The captions engine here cannot recognise the language "${language}". Ask for English captions, or upload an .srt or .vtt file.`,
      );
    }
    const which =
      mode === "auto"
        ? "No speech recognition engine is"
        : `The "${mode}" speech recognition engine is not`;
    throw new AppError(
      "unavailable",
      `${which} available on this server, so captions cannot be made from speech. Run "npm run setup" or check the TRANSCRIBER settings, or upload an .srt or .vtt file.`,
    );
  }

  type Audio = Awaited<ReturnType<typeof extractAudio>>;

  async function transcribeWith(
    engine: Transcriber,
    media: MediaRecord,
    language: string,
    opts: TranscribeOptions,
    audio: () => Promise<Audio>,
  ): Promise<Transcript> {
    const { wavPath } = await audio();
    // Nothing asked: the engine may detect the language; the cache keeps it under the default key.
    const result = await engine.transcribe(wavPath, {
      ...opts,
      language: opts.language === undefined ? undefined : language,
    });
    const words = cleanWords(result.words, media.probe.durationMs);
    const transcript: Transcript = {
      engine: result.engine,
      language: opts.language === undefined ? result.language : language,
      words,
    };
    writeRow.run(media.id, cacheKey(engine), language, JSON.stringify(words), result.engine, now());
    return transcript;
  }

  async function run(
    media: MediaRecord,
    language: string,
    opts: TranscribeOptions,
  ): Promise<Transcript> {
    const engines = await usable(language);
    if (engines.length === 0) return explainNone(language);
    // The sound is pulled out once, even when an engine fails and the next one takes over.
    let extracted: Promise<Audio> | null = null;
    const audio = () =>
      (extracted ??= extractAudio(media.path, {
        ffmpegPath: config.ffmpegPath,
        signal: opts.signal,
        durationMs: media.probe.durationMs,
        tmpDir: path.join(config.dataDir, "tmp"),
        onProgress: opts.onProgress
          ? (ratio) => opts.onProgress!({ stage: "extract", ratio })
          : undefined,
      }));
    try {
      return await tryEngines(engines, media, language, opts, audio);
    } finally {
      if (extracted)
        await (extracted as Promise<Audio>).then(
          (a) => a.dispose(),
          () => undefined,
        );
    }
  }

  async function tryEngines(
    engines: Transcriber[],
    media: MediaRecord,
    language: string,
    opts: TranscribeOptions,
    audio: () => Promise<Audio>,
  ): Promise<Transcript> {
    let lastError: unknown = null;
    const skipped: { engine: Transcriber; why: string }[] = [];
    for (const engine of engines) {
      try {
        const t =
          cachedFor(media.id, engine, language) ??
          (await transcribeWith(engine, media, language, opts, audio));
        return skipped.length ? { ...t, notes: [fallbackNote(skipped, engine, t)] } : t;
      } catch (err) {
        // In auto mode an engine that turns out unusable (model download failed, service
        // down) hands over to the next one, and the reply says so; anything else is the answer.
        const handOver =
          mode === "auto" &&
          err instanceof AppError &&
          ["unavailable", "upstream", "timeout", "rate_limited"].includes(String(err.code));
        if (!handOver || opts.signal?.aborted) throw err;
        lastError = err;
        skipped.push({ engine, why: err.message });
      }
    }
    // The engines that could have stood in cannot do this language (pocketsphinx: English only).
    const cannot = allowedTranscribers(mode, all).filter(
      (t) => t.supportsLanguage && !t.supportsLanguage(language),
    );
    if (cannot.length && lastError instanceof AppError) {
      throw new AppError(
        lastError.code,
        `${lastError.message} The offline engine here (${cannot.map((t) => t.label ?? t.id).join(", ")}) only understands English, so it cannot make ${languageName(language)} captions instead. Upload an .srt or .vtt file, or try again when the speech model can be downloaded.`,
        { cause: lastError },
      );
    }
    throw lastError;
  }

  return {
    /** Timed words for a media item's speech, from the cache when it was recognised before. */
    async get(media: MediaRecord, opts: TranscribeOptions = {}): Promise<Transcript> {
      if (!media.probe.hasAudio || media.kind === "image") {
        throw new AppError("validation", "This clip has no sound, so there is nothing to caption.");
      }
      const language = (opts.language ?? "en").toLowerCase();
      const key = `${media.id}|${language}`;
      const running = inFlight.get(key);
      if (running) {
        try {
          return await running;
        } catch (err) {
          // The run we joined was cancelled by its own caller (a closed tab), not by us.
          const theirs =
            err instanceof AppError && err.code === "cancelled" && !opts.signal?.aborted;
          if (!theirs) throw err;
        }
      }
      const p = run(media, language, opts).finally(() => inFlight.delete(key));
      inFlight.set(key, p);
      return p;
    },

    /** A transcript already made for this media item by any engine, without running one. */
    cached(mediaId: string, language = "en"): Transcript | null {
      for (const engine of allowedTranscribers(mode === "none" ? "auto" : mode, all)) {
        const t = cachedFor(mediaId, engine, language.toLowerCase());
        if (t) return t;
      }
      return null;
    },

    /** Which engines this server has, for status replies and the benchmark. */
    async engines(): Promise<EngineStatus[]> {
      const allowed = new Set(allowedTranscribers(mode, all));
      return Promise.all(
        all.map(async (t) => ({
          id: t.id,
          label: t.label ?? t.id,
          available: allowed.has(t) && (await t.available().catch(() => false)),
        })),
      );
    },

    /** The label of the engine `get` would use now ("pocketsphinx (en-us)"), or null when none can run. */
    async activeEngine(language = "en"): Promise<string | null> {
      const [first] = await usable(language.toLowerCase());
      return first ? (first.label ?? first.id) : null;
    },
  };
}

/** "whisper.cpp (base) could not run: <why> These captions are from pocketsphinx (en-us) instead, ..." */
function fallbackNote(
  skipped: { engine: Transcriber; why: string }[],
  used: Transcriber,
  t: Transcript,
): string {
  const names = skipped.map((s) => s.engine.label ?? s.engine.id).join(" and ");
  const offline =
    used.id === "pocketsphinx"
      ? ", which works offline but only understands English and makes more mistakes"
      : "";
  return `${skipped.map((s) => s.why).join(" ")} So ${names} did not run: ${t.engine} made these captions instead${offline}.`;
}

const LANGUAGE_NAMES: Record<string, string> = {
  zh: "Chinese",
  ja: "Japanese",
  ko: "Korean",
  es: "Spanish",
  fr: "French",
  de: "German",
};
function languageName(code: string): string {
  return LANGUAGE_NAMES[code.split("-")[0]] ?? `"${code}"`;
}

/** The engine with its model ("whisper.cpp (base.en)"): a different model is a different transcript. */
function cacheKey(engine: Transcriber): string {
  return engine.label ?? engine.id;
}

/** Keeps words inside the clip, in time order, with no negative or reversed spans. */
export function cleanWords(words: TimedWord[], durationMs: number): TimedWord[] {
  const limit = durationMs > 0 ? durationMs : Number.POSITIVE_INFINITY;
  return words
    .filter((w) => w.w.trim() !== "" && w.s < limit)
    .map((w) => {
      const s = Math.max(0, Math.round(w.s));
      const e = Math.min(limit, Math.max(s, Math.round(w.e)));
      return w.p === undefined ? { w: w.w.trim(), s, e } : { w: w.w.trim(), s, e, p: w.p };
    })
    .sort((a, b) => a.s - b.s);
}
