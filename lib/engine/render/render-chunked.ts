import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { runFfmpeg, type FfmpegProgress } from "../ffmpeg/run-ffmpeg";
import { buildRenderArgs } from "./build-render-args";
import { concatList } from "./fast-path";
import { fpsValue } from "./frame-grid";
import type { RenderLayout } from "./layout-timeline";
import type { ChunkSpec } from "./plan-chunks";
import type { OutputSpec } from "./presets";
import { withGraphScript } from "./graph-script";
import type { SourceRef } from "../media/source-objects";
import { createDiskStorage } from "../storage/disk-storage";
import type { Storage } from "../storage/storage";
import { indexArgs, indexReserve, muxIndexUpFront } from "./mp4-index";
import { ASS_TOKEN, makePart, scratchTag, SOURCE_TOKEN, type PartHandler } from "./part-files";

// A long export in chunks: the sound of the whole timeline is rendered ONCE (so AAC
// priming and padding happen once, at the start and end, never at a join), each chunk's
// picture is rendered on its own (IDR first frame, closed GOPs, the same x264 settings),
// and the pictures are joined with the concat demuxer by stream copy and muxed with the
// sound. Up to `concurrency` ffmpeg processes run at once in this process, or the parts
// are handed to `runParts` (the queue: with BullMQ, any free worker on any machine).
//
// A part travels without paths of this machine: its arguments name the sources and the
// caption file by tokens (@@source:N@@, @@ass@@), resolved where it renders (part-files.ts).
// Finished parts are kept on `store` (the bucket with STORAGE=s3, else a local folder)
// under names made from a hash of those arguments, the sources' keys and the captions:
// a render run again after a crash or restart reuses them, and a changed edit can never
// pick up a stale one. They are removed once joined, or when the render is cancelled.

export interface ChunkedRenderInput {
  layout: RenderLayout;
  chunks: ChunkSpec[];
  out: OutputSpec;
  /** Where the joined MP4 is written (the caller renames it into place). */
  outputPath: string;
  /** The text tracks as ASS, when there are any. */
  ass: string | null;
  /** This machine's scratch folder for the join (and the parts, without `store`). */
  cacheDir: string;
  /** Where finished parts are kept (default: a disk storage in `cacheDir`), under `scope/`. */
  store?: Storage;
  scope?: string;
  /** The timeline's sources: the path in the layout, and the storage key another machine reads. */
  sources?: SourceRef[];
  concurrency: number;
  ffmpegPath?: string;
  signal?: AbortSignal;
  onProgress?: (p: FfmpegProgress) => void;
  /** Renders the parts elsewhere (queue jobs); default: a pool of `concurrency` in this process. */
  runParts?: RunParts;
}

/** Stands for the output file in a part's arguments (each run writes its own temp file). */
export const PART_OUTPUT = "@@part@@";

/** One part of a chunked render: the whole sound, or one chunk's picture. Plain JSON. */
export interface PartTask {
  /** "audio" or "video-0003": which part of the timeline. */
  name: string;
  key: string;
  /** Its key on the part storage once finished. */
  object: string;
  /** ffmpeg arguments; PART_OUTPUT, SOURCE_TOKEN(n) and ASS_TOKEN stand for paths. */
  args: string[];
  /** What SOURCE_TOKEN(n) stands for. */
  sources: SourceRef[];
  /** The caption file's text, when ASS_TOKEN is used. */
  ass: string | null;
  /** Output length of this part, ms. */
  durationMs: number;
  /** Its weight in the progress. */
  weight: number;
  /**
   * One core's work (the sound: decode, filters, AAC), where a picture chunk's x264 takes
   * every core: a pool of this machine runs it beside the chunks, not in their turn.
   */
  beside: boolean;
}

/**
 * Renders `parts` (none of them finished yet) to their files, reporting each one's
 * progress 0..1; rejects on the first failure, or when `signal` aborts (after stopping
 * every part).
 */
export type RunParts = (
  parts: PartTask[],
  progress: (part: PartTask, ratio: number) => void,
  signal: AbortSignal,
) => Promise<void>;

/**
 * The sound part's share of the work, as a fraction of the picture of the same timeline:
 * measured 0.22 at an hour with x264 ultrafast (241 s of sound, one core, against 1,080 s
 * of picture chunks; bench/README.md), less with the exports' veryfast. At 0.05 the
 * progress stood at 5% after the sound's minutes and the ETA said four times too long.
 */
const AUDIO_WEIGHT = 0.15;

export async function renderChunked(
  input: ChunkedRenderInput,
): Promise<{ reused: number; rendered: number }> {
  const { layout, chunks, out, cacheDir } = input;
  await fs.promises.mkdir(cacheDir, { recursive: true });
  const store = input.store ?? createDiskStorage(cacheDir);
  const scope = input.scope ? `${input.scope}/` : "";
  const assPath = input.ass !== null ? ASS_TOKEN : null;
  const sources = input.sources ?? [];
  const token = new Map(sources.map((src, n) => [src.path, SOURCE_TOKEN(n)]));
  const ms = (frames: number) => (frames / fpsValue(out.fps)) * 1000;
  const task = (
    name: string,
    build: (o: string) => string[],
    durationMs: number,
    weight: number,
    beside = false,
  ): PartTask => {
    const args = build(PART_OUTPUT).map((a) => token.get(a) ?? a);
    // What the part holds, wherever it renders: not this machine's paths, but the sources' keys.
    const refs = sources.map((src) => src.key ?? src.path);
    const key = hash(JSON.stringify(args) + JSON.stringify(refs) + (input.ass ?? ""));
    const object = `${scope}${name}-${key}.mp4`;
    return { name, key, object, args, sources, ass: input.ass, durationMs, weight, beside };
  };
  const audio = task(
    "audio",
    (o) => buildRenderArgs({ layout, out, outputPath: o, assPath: null, part: { kind: "audio" } }),
    layout.total,
    AUDIO_WEIGHT * layout.total,
    true,
  );
  const videos = chunks.map((c, n) =>
    task(
      `video-${String(n).padStart(4, "0")}`,
      (o) =>
        buildRenderArgs({
          layout,
          out,
          outputPath: o,
          assPath,
          part: {
            kind: "video",
            first: c.first,
            end: c.end,
            startFrame: c.startFrame,
            frames: c.frames,
          },
        }),
      ms(c.frames),
      ms(c.frames),
    ),
  );
  // Longest first would balance better; timeline order keeps the first chunks early for a watcher.
  const tasks = [audio, ...videos];

  const inner = new AbortController();
  const onAbort = () => inner.abort();
  input.signal?.addEventListener("abort", onAbort, { once: true });
  const totalWeight = tasks.reduce((n, t) => n + t.weight, 0);
  const done = new Map<PartTask, number>();
  const started = Date.now();
  let workAtStart = 0;
  const report = () => {
    const work = tasks.reduce((n, t) => n + (done.get(t) ?? 0), 0);
    const ratio = Math.min(1, work / totalWeight);
    const fresh = work - workAtStart;
    const elapsed = (Date.now() - started) / 1000;
    const etaSeconds =
      fresh > 0.01 * totalWeight ? Math.max(0, (elapsed / fresh) * (totalWeight - work)) : null;
    input.onProgress?.({ outTimeMs: ratio * layout.total, ratio, speed: null, etaSeconds });
  };

  let reused = 0;
  const pending: PartTask[] = [];
  for (const t of tasks) {
    if (await store.stat(t.object)) {
      done.set(t, t.weight);
      reused++;
    } else pending.push(t);
  }
  workAtStart = tasks.reduce((n, t) => n + (done.get(t) ?? 0), 0);

  const runParts =
    input.runParts ??
    localParts(Math.max(1, input.concurrency), (part, signal, onProgress) =>
      makePart(part, {
        store,
        scratch: cacheDir,
        ffmpegPath: input.ffmpegPath,
        signal,
        onProgress,
      }),
    );
  const progress = (t: PartTask, ratio: number) => {
    done.set(t, ratio * t.weight);
    report();
  };

  try {
    await runParts(pending, progress, inner.signal);
    if (input.signal?.aborted) throw new AppError("cancelled", "The job was cancelled.");
    const local = await Promise.all(tasks.map((t) => store.localPath(t.object)));
    const list = path.join(cacheDir, `join-${audio.key}.ffconcat`);
    await fs.promises.writeFile(list, concatList(local.slice(1)));
    // A copy downloaded from the bucket is this machine's only: it goes with the list.
    const copies = store.kind === "s3" ? local : [];
    await joinParts(list, local[0], input.outputPath, {
      reserve: indexReserve(layout.total, fpsValue(out.fps)),
      ffmpegPath: input.ffmpegPath,
      signal: input.signal,
      cleanup: [list, ...copies],
    });
  } catch (err) {
    inner.abort();
    // A cancelled export keeps nothing; a failed or interrupted one keeps finished parts for the next try.
    if (input.signal?.aborted) await removeParts(store, tasks);
    throw err;
  } finally {
    input.signal?.removeEventListener("abort", onAbort);
  }
  await removeParts(store, tasks);
  await fs.promises.rmdir(cacheDir).catch(() => undefined);
  return { reused, rendered: pending.length };
}

/**
 * Joins the parts, the index written into room kept at the front of the file (mp4-index.ts).
 * `cleanup` goes whatever happens.
 */
export async function joinParts(
  listPath: string,
  audioPath: string,
  outputPath: string,
  opts: { reserve: number | null; ffmpegPath?: string; signal?: AbortSignal; cleanup?: string[] },
): Promise<void> {
  const run = (args: string[]) => runFfmpeg(args, { bin: opts.ffmpegPath, signal: opts.signal });
  try {
    if (opts.reserve === null) await run(joinArgs(listPath, audioPath, outputPath));
    else
      await muxIndexUpFront(
        (index) => joinArgs(listPath, audioPath, outputPath, index),
        outputPath,
        opts.reserve,
        run,
      );
  } finally {
    await Promise.all((opts.cleanup ?? []).map((f) => fs.promises.rm(f, { force: true })));
  }
}

/**
 * The chunks' pictures joined by stream copy, the timeline's sound beside them; `index`:
 * where the MP4 index goes (mp4-index.ts); default `+faststart`.
 */
export function joinArgs(
  listPath: string,
  audioPath: string,
  outputPath: string,
  index: string[] = indexArgs(null),
): string[] {
  return [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "concat",
    "-safe",
    "0",
    "-i",
    listPath,
    "-i",
    audioPath,
    "-map",
    "0:v:0",
    "-map",
    "1:a:0",
    "-c",
    "copy",
    ...index,
    "-f",
    "mp4",
    outputPath,
  ];
}

/** Renders one part to its file: a temp file of its own, renamed into place when ffmpeg succeeded. */
export async function renderPart(
  t: { file: string; args: string[]; durationMs: number },
  opts: { ffmpegPath?: string; signal?: AbortSignal; onProgress?: (ratio: number) => void },
): Promise<void> {
  // Two renders of the same timeline may make the same part at once: each writes its own file.
  const part = `${t.file}.${scratchTag()}.part`;
  const args = t.args.map((a) => (a === PART_OUTPUT ? part : a));
  await runFfmpeg(withGraphScript(args, part), {
    bin: opts.ffmpegPath,
    signal: opts.signal,
    durationMs: t.durationMs,
    cleanup: [`${part}.graph`],
    onProgress: (p) => opts.onProgress?.(p.ratio ?? 0),
  }).catch(async (err) => {
    await fs.promises.rm(part, { force: true });
    throw err;
  });
  await fs.promises.rename(part, t.file);
}

/**
 * Parts in this process: the pictures `size` at a time, a `beside` part (the sound) at
 * once next to them, so its single core of work overlaps theirs instead of holding the
 * first chunk back (an hour's sound is minutes). The first failure stops every other one.
 */
export function localParts(size: number, make: PartHandler): RunParts {
  return async (tasks, progress, signal) => {
    const ctl = new AbortController();
    const onAbort = () => ctl.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    const inTurn = tasks.filter((t) => !t.beside);
    let next = 0;
    let failure: unknown = null;
    const one = async (t: PartTask) => {
      try {
        await make(t, ctl.signal, (r) => progress(t, r));
        progress(t, 1);
      } catch (err) {
        // The first failure stops every other chunk: the export cannot finish without it.
        if (failure === null) failure = err;
        ctl.abort();
      }
    };
    const lane = async () => {
      while (next < inTurn.length && !ctl.signal.aborted) await one(inTurn[next++]);
    };
    try {
      await Promise.all([
        ...tasks.filter((t) => t.beside).map(one),
        ...Array.from({ length: Math.min(size, inTurn.length) }, lane),
      ]);
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    if (failure !== null) throw failure;
  };
}

async function removeParts(store: Storage, tasks: PartTask[]): Promise<void> {
  await Promise.all(tasks.map((t) => store.delete(t.object).catch(() => undefined)));
}

const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);
