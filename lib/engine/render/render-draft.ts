import fs from "node:fs";
import path from "node:path";
import { AUDIOGRAM_COLOR, audiogramOf } from "@/lib/draft/audiogram";
import type { Draft } from "@/lib/draft/schema";
import { AppError } from "@/lib/errors";
import { runFfmpeg, type FfmpegProgress } from "../ffmpeg/run-ffmpeg";
import { buildAss } from "./build-ass";
import { buildAudiogramArgs, isAudiogramLayout } from "./build-audiogram-args";
import { buildRenderArgs } from "./build-render-args";
import { buildFastPathArgs, concatList, planFastPath } from "./fast-path";
import { indexReserve, muxIndexUpFront } from "./mp4-index";
import { withGraphScript } from "./graph-script";
import { layoutTimeline, type RenderLayout, type RenderMedia } from "./layout-timeline";
import { planChunks } from "./plan-chunks";
import { renderChunked, type RunParts } from "./render-chunked";
import type { Storage } from "../storage/storage";
import type { OutputSpec } from "./presets";

// Draft -> finished MP4. The file is written under a temporary name beside the target
// and renamed into place only when ffmpeg succeeded, so a download link never points
// at half a file. Scratch files (ASS, concat list) are removed whatever happens.

export interface RenderOptions {
  draft: Draft;
  media: Record<string, RenderMedia>;
  out: OutputSpec;
  outputPath: string;
  ffmpegPath?: string;
  signal?: AbortSignal;
  onProgress?: (p: FfmpegProgress) => void;
  /** Render timelines longer than this in chunks (render-chunked.ts); absent: one ffmpeg. */
  chunkMs?: number;
  /** Chunks rendered at once. */
  concurrency?: number;
  /** This machine's scratch folder for the chunks' join (default: beside the output). */
  chunkDir?: string;
  /** Where finished chunks are kept until joined (default: `chunkDir`), under `chunkScope/`. */
  chunkStore?: Storage;
  chunkScope?: string;
  /** Renders the chunks elsewhere (queue jobs on any worker); default: in this process. */
  runParts?: RunParts;
}

export interface RenderResult {
  path: string;
  durationMs: number;
  /** "copy" when streams were copied, "encode" otherwise, "chunks" when encoded in chunks. */
  mode: "copy" | "encode" | "chunks";
  /** Chunked renders: chunks found finished from an earlier try. */
  reusedChunks?: number;
}

export async function renderDraft(opts: RenderOptions): Promise<RenderResult> {
  const layout = layoutTimeline(opts.draft, opts.media);
  for (const m of new Set([
    ...layout.items.flatMap((i) => (i.type === "clip" ? [i.media] : [])),
    ...layout.sounds.map((s) => s.media),
  ])) {
    if (!fs.existsSync(m.path)) {
      throw new AppError(
        "validation",
        `The file for "${m.name}" is missing on the server. Upload it again, then export.`,
      );
    }
  }
  const dir = path.dirname(opts.outputPath);
  await fs.promises.mkdir(dir, { recursive: true });
  const base = path.basename(opts.outputPath);
  const partial = path.join(dir, `.${base}.part`);
  const scratch: string[] = [];

  // Which builder: an audiogram for a story with no picture, else stream copy, chunks or the full render.
  const audiogram = isAudiogramLayout(layout)
    ? (audiogramOf(opts.draft) ?? { background: { color: AUDIOGRAM_COLOR }, wave: "#FFFFFF" })
    : null;
  const fast = audiogram ? null : planFastPath(layout, opts.out);
  const chunks =
    !audiogram && !fast && opts.chunkMs ? planChunks(layout, opts.out.fps, opts.chunkMs) : [];
  if (chunks.length > 1) {
    try {
      const { reused } = await renderChunked({
        layout,
        chunks,
        out: opts.out,
        outputPath: partial,
        ass:
          layout.textTracks.length > 0
            ? buildAss(layout.textTracks, opts.out.width, opts.out.height)
            : null,
        cacheDir: opts.chunkDir ?? path.join(dir, `.${base}.chunks`),
        concurrency: opts.concurrency ?? 1,
        ffmpegPath: opts.ffmpegPath,
        signal: opts.signal,
        onProgress: opts.onProgress,
        runParts: opts.runParts,
        store: opts.chunkStore,
        scope: opts.chunkScope,
        // The path each source has here, and its key another machine reads it by (render-job.ts).
        sources: Object.values(opts.media).map((m) => ({
          path: m.path,
          key: (m as { key?: string }).key,
        })),
      });
      await fs.promises.rename(partial, opts.outputPath);
      return {
        path: opts.outputPath,
        durationMs: layout.total,
        mode: "chunks",
        reusedChunks: reused,
      };
    } catch (err) {
      await fs.promises.rm(partial, { force: true });
      throw err;
    }
  }
  // How the one ffmpeg run (or two: mp4-index.ts) makes `partial`.
  let mux: (run: (args: string[]) => Promise<{ stderr: string }>) => Promise<unknown>;
  if (audiogram) {
    const bgSrc = "src" in audiogram.background ? audiogram.background.src : null;
    const background = bgSrc ? (opts.media[bgSrc] ?? null) : null;
    if (background && !fs.existsSync(background.path)) {
      throw new AppError(
        "validation",
        `The background picture "${background.name}" is missing on the server. Upload it again, then export.`,
      );
    }
    const assPath = await writeAss(layout, opts.out, dir, base, scratch);
    const args = buildAudiogramArgs({
      layout,
      out: opts.out,
      outputPath: partial,
      assPath,
      audiogram,
      background,
    });
    mux = (run) => run(args);
  } else if (fast) {
    let listPath: string | null = null;
    if (fast.kind === "concat") {
      listPath = path.join(dir, `.${base}.ffconcat`);
      await fs.promises.writeFile(listPath, concatList(fast.items.map((c) => c.media.path)));
      scratch.push(listPath);
    }
    // A long trim is gigabytes: the index goes into room kept for it, not by a rewrite.
    const list = listPath;
    mux = (run) =>
      muxIndexUpFront(
        (index) => buildFastPathArgs(fast, partial, opts.out, list, index),
        partial,
        indexReserve(layout.total, opts.out.fps),
        run,
      );
  } else {
    const assPath = await writeAss(layout, opts.out, dir, base, scratch);
    const args = withGraphScript(
      buildRenderArgs({ layout, out: opts.out, outputPath: partial, assPath }),
      partial,
    );
    scratch.push(`${partial}.graph`);
    mux = (run) => run(args);
  }

  try {
    await mux((args) =>
      runFfmpeg(args, {
        bin: opts.ffmpegPath,
        signal: opts.signal,
        durationMs: layout.total,
        onProgress: opts.onProgress,
      }),
    );
    await fs.promises.rename(partial, opts.outputPath);
  } catch (err) {
    await fs.promises.rm(partial, { force: true });
    throw err;
  } finally {
    await Promise.all(scratch.map((f) => fs.promises.rm(f, { force: true })));
  }
  return { path: opts.outputPath, durationMs: layout.total, mode: fast ? "copy" : "encode" };
}

/** The text tracks as an ASS file beside the output (a scratch file), or null when there are none. */
async function writeAss(
  layout: RenderLayout,
  out: OutputSpec,
  dir: string,
  base: string,
  scratch: string[],
): Promise<string | null> {
  if (layout.textTracks.length === 0) return null;
  const assPath = path.join(dir, `.${base}.ass`);
  await fs.promises.writeFile(assPath, buildAss(layout.textTracks, out.width, out.height));
  scratch.push(assPath);
  return assPath;
}
