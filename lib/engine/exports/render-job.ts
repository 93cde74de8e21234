import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { draftSchema } from "@/lib/draft/schema";
import { mediaKindSchema } from "@/lib/media/schema";
import { captionCues, toSrt, toVtt } from "../captions/write-subtitles";
import type { JobContext, JobDefinition, JobResult } from "../jobs/queue";
import type { SourceRef } from "../media/source-objects";
import type { Storage } from "../storage/storage";
import type { RenderMedia } from "../render/layout-timeline";
import { outputLength } from "../ops/work-limits";
import { renderDraft } from "../render/render-draft";
import type { RunParts } from "../render/render-chunked";
import { makeExportPoster } from "./export-poster";
import { X264_PRESETS } from "../render/presets";
import { chunkScope } from "./export-objects";

// The render job: a frozen copy of the draft and of the media facts it uses (so later
// edits or a worker elsewhere render exactly what was asked), the output frame, and
// where the files go. It runs without the database, on any machine: the files are made
// in `files.workDir` (STORAGE=s3: this process's own scratch folder, then uploaded), and
// what was stored comes back in the result. Caption files are written before the video
// is renamed into place; the poster (share cards) is made from the finished video.

const probeSchema = z.object({
  durationMs: z.number(),
  width: z.number(),
  height: z.number(),
  rotation: z.number(),
  fps: z.number(),
  vfr: z.boolean(),
  videoCodec: z.string().nullable(),
  audioCodec: z.string().nullable(),
  pixFmt: z.string().nullable(),
  profile: z.string().nullable(),
  hasVideo: z.boolean(),
  hasAudio: z.boolean(),
  sampleRate: z.number().nullable(),
  channels: z.number().nullable(),
  container: z.string(),
  bitRate: z.number().nullable(),
});

export const renderPayloadSchema = z.object({
  draft: draftSchema,
  /** `key`: the source's copy on the storage (STORAGE=s3), read when this disk lacks `path`. */
  media: z.array(
    z.object({
      id: z.string(),
      kind: mediaKindSchema,
      name: z.string(),
      path: z.string(),
      key: z.string().optional(),
      probe: probeSchema,
    }),
  ),
  out: z.object({
    width: z.number().int().min(16),
    height: z.number().int().min(16),
    fps: z.number().min(1).max(60),
    preview: z.boolean(),
    x264Preset: z.enum(X264_PRESETS),
    crf: z.number().int().min(0).max(51),
    loudness: z.number().nullable(),
  }),
  /** Folder of this job's files on the web app's disk (STORAGE=disk: where the files stay). */
  dir: z.string().min(1),
  /** The clip this export holds, for batch exports; absent for the whole timeline. */
  name: z.string().optional(),
  /** Where the finished files are kept (STORAGE=s3: the bucket folder; absent in older rows). */
  key: z.string().optional(),
});
export type RenderPayload = z.infer<typeof renderPayloadSchema>;

export const VIDEO_FILE = "video.mp4";
export const SRT_FILE = "captions.srt";
export const VTT_FILE = "captions.vtt";

/** Where a render's files are made and kept (export-files.ts). */
export interface KeepFiles {
  /** The folder this process renders job `jobId` into (`dir`: the payload's). */
  workDir(jobId: string, dir: string): string;
  /** Puts the finished files where they are kept (s3: uploaded before the job completes). */
  keep(jobId: string, prefix: string, dir: string, signal: AbortSignal): Promise<JobResult>;
}

/** How long a render may run: a base, plus a multiple of the output's length. */
export interface RenderTimeout {
  baseMs: number;
  factor: number;
}

/** Long exports in chunks: see lib/engine/render/render-chunked.ts. */
export interface Chunking {
  /** 0: never. */
  chunkMs: number;
  concurrency: number;
  /** Where finished chunks are kept until joined (the bucket with STORAGE=s3). */
  store?: Storage;
  /** Renders the chunks of job `jobId` on the queue (any free worker); absent: in this process. */
  parts?: (jobId: string) => RunParts;
}

export interface RenderJobDeps {
  ffmpegPath: string;
  files: KeepFiles;
  /** Where ffmpeg reads each source (a worker without the upload on its disk: a cached copy from the storage). */
  sources: { localPath(source: SourceRef): Promise<string> };
  timeout?: RenderTimeout;
  chunking?: Chunking | null;
}

export function renderJobDefinition(
  kind: "export" | "preview",
  deps: RenderJobDeps,
): JobDefinition<RenderPayload> {
  const { ffmpegPath, files, timeout, chunking } = deps;
  return {
    kind,
    payload: renderPayloadSchema,
    ...(timeout
      ? { timeoutMs: (p: RenderPayload) => timeout.baseMs + timeout.factor * outputLength(p.draft) }
      : {}),
    async run(p, ctx) {
      const dir = files.workDir(ctx.jobId, p.dir);
      try {
        return await render(p, dir, ctx);
      } catch (err) {
        // A scratch folder of this process (not the job's kept folder) holds nothing worth
        // keeping; nor does the join's (finished chunks wait on the chunk storage).
        await fs.promises.rm(`${dir}.chunks`, { recursive: true, force: true });
        if (path.resolve(dir) !== path.resolve(p.dir))
          await fs.promises.rm(dir, { recursive: true, force: true });
        throw err;
      }
    },
  };

  async function render(p: RenderPayload, dir: string, ctx: JobContext): Promise<JobResult> {
    await fs.promises.mkdir(dir, { recursive: true });
    const cues = captionCues(p.draft);
    if (!p.out.preview && cues.length > 0) {
      await fs.promises.writeFile(path.join(dir, SRT_FILE), toSrt(cues));
      await fs.promises.writeFile(path.join(dir, VTT_FILE), toVtt(cues));
    }
    const media: Record<string, RenderMedia> = {};
    for (const m of p.media)
      media[m.id] = { ...m, path: await deps.sources.localPath(m) } as RenderMedia;
    // Older rows have no key: their folder is <dataDir>/exports/<sessionId>/<jobId>.
    const prefix = p.key ?? `exports/${path.basename(path.dirname(p.dir))}/${path.basename(p.dir)}`;
    const result = await renderDraft({
      draft: p.draft,
      media,
      out: p.out,
      outputPath: path.join(dir, VIDEO_FILE),
      ffmpegPath,
      signal: ctx.signal,
      onProgress: (pr) => ctx.progress(pr.ratio ?? 0, pr.etaSeconds),
      // Finished chunks are kept on the chunk storage, named by what they hold: a retry of
      // this job (its worker died, or the server restarted) or an export of the same
      // timeline renders only the rest, on whichever worker.
      ...(chunking && chunking.chunkMs > 0
        ? {
            chunkMs: chunking.chunkMs,
            concurrency: chunking.concurrency,
            chunkDir: `${dir}.chunks`,
            chunkStore: chunking.store,
            chunkScope: chunkScope(prefix.split("/")[1] ?? "export"),
            runParts: chunking.parts?.(ctx.jobId),
          }
        : {}),
    });
    if (!p.out.preview)
      await makeExportPoster(result.path, result.durationMs, {
        bin: ffmpegPath,
        signal: ctx.signal,
      });
    return files.keep(ctx.jobId, prefix, dir, ctx.signal);
  }
}
