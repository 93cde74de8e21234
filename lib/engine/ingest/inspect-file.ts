import fs from "node:fs";
import { AppError } from "@/lib/errors";
import { ACCEPTED_TYPES_SENTENCE, type MediaKind } from "@/lib/media/schema";
import type { ProbeInfo } from "../media/types";
import { tailDecodes } from "./make-derived";
import { probeMedia } from "./probe-media";
import { SNIFF_BYTES, containerMatches, sniffFormat, type SourceFormat } from "./sniff-format";

// Decides whether a received file is media we accept, by content: magic bytes first
// (cheap, and a renamed program never reaches ffprobe), then ffprobe for the streams;
// checkComplete() then reads the last second to catch files cut short.

export interface Inspected {
  format: SourceFormat;
  kind: MediaKind;
  probe: ProbeInfo;
}

export interface InspectContext {
  ffmpegPath: string;
  ffprobePath: string;
  signal?: AbortSignal;
  /** Largest picture (width x height) accepted; larger sources are refused before decoding. */
  maxPixels?: number;
}

export const tooManyPixels = (size: { width: number; height: number }, maxPixels: number) =>
  new AppError(
    4001,
    `This picture is ${size.width}x${size.height} pixels, more than the ${Math.round(maxPixels / 1e6)} megapixels this studio accepts. Scale it down (for example to 3840x2160) and upload it again.`,
  );

/** Refuses a size over the limit (no limit: accepted). */
export function checkPixels(
  size: { width: number; height: number } | null,
  maxPixels: number | undefined,
): void {
  if (size && maxPixels && size.width * size.height > maxPixels)
    throw tooManyPixels(size, maxPixels);
}

export const unsupported = () =>
  new AppError(4001, `This file type isn't supported. ${ACCEPTED_TYPES_SENTENCE}`);

async function readHead(file: string): Promise<Buffer> {
  const fh = await fs.promises.open(file, "r");
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The cheap first look: refuses empty files and unknown magic bytes before any ffprobe. */
export async function sniffFile(
  file: string,
  size: number,
): Promise<NonNullable<ReturnType<typeof sniffFormat>>> {
  if (size === 0)
    throw new AppError(
      4001,
      "The file is empty (0 bytes). Check that it finished saving or downloading, then upload it again.",
    );
  const sniffed = sniffFormat(await readHead(file));
  if (!sniffed) throw unsupported();
  return sniffed;
}

/** What ffprobe says, held against what the magic bytes said. */
export function judgeProbe(
  sniffed: NonNullable<ReturnType<typeof sniffFormat>>,
  probe: ProbeInfo,
  maxPixels?: number,
): Inspected {
  if (!containerMatches(sniffed.format, probe.container)) throw unsupported();
  checkPixels(probe, maxPixels);

  let kind: MediaKind = sniffed.kind;
  if (kind === "video" && !probe.hasVideo) kind = "audio"; // e.g. an mp4/webm with sound only
  const usable = kind === "audio" ? probe.hasAudio : probe.hasVideo;
  if (!usable || (kind !== "audio" && (probe.width <= 0 || probe.height <= 0))) {
    throw new AppError(
      4001,
      "This file has no video, picture or sound we can read. Export it again as MP4 (H.264) and upload that.",
    );
  }
  if (kind !== "image" && probe.durationMs <= 0) {
    throw new AppError(
      4001,
      "This file has no playable length: it may be damaged or incomplete. Export it again and upload that.",
    );
  }
  if (kind === "image") Object.assign(probe, { durationMs: 0, fps: 0, vfr: false });
  return { format: sniffed.format, kind, probe };
}

export async function inspectFile(
  file: string,
  size: number,
  ctx: InspectContext,
): Promise<Inspected> {
  const sniffed = await sniffFile(file, size);
  return judgeProbe(
    sniffed,
    await probeMedia(file, {
      ffprobePath: ctx.ffprobePath,
      signal: ctx.signal,
      maxPixels: ctx.maxPixels,
    }),
    ctx.maxPixels,
  );
}

export const cutShort = () =>
  new AppError(
    4001,
    "This file seems to be cut short (the end is missing or damaged). If it was still copying or downloading, wait for it to finish, then upload it again.",
  );

/** Refuses a video or audio file whose end is missing (run beside the poster: 2 cores). */
export async function checkComplete(
  file: string,
  inspected: Inspected,
  ctx: InspectContext,
): Promise<void> {
  if (inspected.kind === "image") return;
  if (!(await tailDecodes(file, inspected.probe, ctx))) {
    throw cutShort();
  }
}
