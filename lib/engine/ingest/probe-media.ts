import { AppError } from "@/lib/errors";
import { runFfmpeg } from "../ffmpeg/run-ffmpeg";
import type { ProbeInfo } from "../media/types";

// ffprobe -> ProbeInfo: the facts every other part (ops, renderer, agent) relies on.
// Rotation comes from the display matrix side data (ffmpeg >= 5) or the older `rotate`
// tag; sizes stay as coded (use displaySize() for what a viewer sees).

export interface ProbeOptions {
  /** ffprobe binary (config.ffprobePath). */
  ffprobePath?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Decoders refuse pictures larger than this (ffmpeg's max_pixels), so a probe never decodes a bomb. */
  maxPixels?: number;
}

/**
 * `firstPictures` also decodes the first three packets (-show_frames, -read_intervals
 * "%+#3"): a video frame among them proves the video decodes, for ~0.01-0.05 s more than
 * the probe alone and without starting another ffmpeg. Three, because a file may start
 * with a sound packet or two.
 */
export function probeArgs(file: string, firstPictures = false, maxPixels?: number): string[] {
  const frames = firstPictures
    ? ["-show_frames", "-show_entries", "frame=media_type", "-read_intervals", "%+#3"]
    : [];
  const cap = maxPixels ? ["-max_pixels", String(Math.floor(maxPixels))] : [];
  return [
    "-v",
    "error",
    ...cap,
    "-print_format",
    "json",
    "-show_format",
    "-show_streams",
    ...frames,
    file,
  ];
}

interface RawStream {
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  duration?: string;
  sample_rate?: string;
  channels?: number;
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
  disposition?: { attached_pic?: number };
}

interface RawProbe {
  streams?: RawStream[];
  frames?: { media_type?: string }[];
  format?: { format_name?: string; duration?: string; bit_rate?: string };
}

export function parseRate(rate: string | undefined): number {
  if (!rate) return 0;
  const [n, d] = rate.split("/").map(Number);
  if (!Number.isFinite(n) || !Number.isFinite(d) || d === 0) return 0;
  return n / d;
}

/** Display rotation, clockwise degrees in {0, 90, 180, 270}. */
export function rotationOf(s: RawStream): number {
  const matrix = s.side_data_list?.find(
    (d) => d.side_data_type === "Display Matrix" && typeof d.rotation === "number",
  );
  // The display matrix rotation is counter-clockwise; the tag is clockwise.
  const deg = matrix ? -matrix.rotation! : Number(s.tags?.rotate ?? 0);
  if (!Number.isFinite(deg)) return 0;
  return (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
}

const num = (v: string | number | undefined): number | null => {
  const n = Number(v);
  return v === undefined || v === "" || !Number.isFinite(n) ? null : n;
};

/** Pure: ffprobe JSON -> ProbeInfo. */
export function parseProbe(raw: RawProbe): ProbeInfo {
  const streams = raw.streams ?? [];
  // Cover art in an mp3/m4a is a "video" stream with attached_pic: not a video.
  const v = streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  const a = streams.find((s) => s.codec_type === "audio");
  const avg = parseRate(v?.avg_frame_rate);
  const r = parseRate(v?.r_frame_rate);
  const fps = avg > 0 ? avg : r;
  const seconds = num(raw.format?.duration) ?? num(v?.duration) ?? num(a?.duration) ?? 0;
  return {
    durationMs: Math.max(0, Math.round(seconds * 1000)),
    width: v?.width ?? 0,
    height: v?.height ?? 0,
    rotation: v ? rotationOf(v) : 0,
    fps: Math.round(fps * 1000) / 1000,
    // r_frame_rate is the finest timestamp grid; a real average well below it means
    // frames come at irregular intervals.
    vfr: Boolean(v && avg > 0 && r > 0 && Math.abs(r - avg) / r > 0.02),
    videoCodec: v?.codec_name ?? null,
    audioCodec: a?.codec_name ?? null,
    pixFmt: v?.pix_fmt ?? null,
    profile: v?.profile ?? null,
    hasVideo: Boolean(v),
    hasAudio: Boolean(a),
    sampleRate: num(a?.sample_rate),
    channels: a?.channels ?? null,
    container: raw.format?.format_name ?? "",
    bitRate: num(raw.format?.bit_rate),
    // Only said when there is one, so the records of every other file stay as they were.
    ...(streams.some((s) => s.codec_type === "video" && s.disposition?.attached_pic)
      ? { hasCover: true }
      : {}),
  };
}

/** Probes a file. Throws 4001 with a sentence when ffprobe cannot read it. */
export async function probeMedia(file: string, opts: ProbeOptions = {}): Promise<ProbeInfo> {
  return parseProbe(await runProbe(file, false, opts));
}

/**
 * probeMedia, and whether a picture decoded from the first packets (probeArgs). False
 * does not mean none ever decodes: the first packets may all be sound, or broken.
 */
export async function probeMediaAndFirstPicture(
  file: string,
  opts: ProbeOptions = {},
): Promise<{ probe: ProbeInfo; pictureDecoded: boolean }> {
  const raw = await runProbe(file, true, opts);
  return {
    probe: parseProbe(raw),
    pictureDecoded: (raw.frames ?? []).some((f) => f.media_type === "video"),
  };
}

async function runProbe(
  file: string,
  firstPictures: boolean,
  opts: ProbeOptions,
): Promise<RawProbe> {
  let stdout: string;
  try {
    ({ stdout } = await runFfmpeg(probeArgs(file, firstPictures, opts.maxPixels), {
      bin: opts.ffprobePath ?? "ffprobe",
      captureStdout: true,
      signal: opts.signal,
      timeoutMs: opts.timeoutMs ?? 60_000,
    }));
  } catch (err) {
    if (err instanceof AppError && (err.code === "cancelled" || err.code === "unavailable"))
      throw err;
    throw new AppError(
      4001,
      "This file looks damaged or incomplete, so it can't be read. If it was still copying or downloading, wait for it to finish, then upload it again.",
      { cause: err },
    );
  }
  return JSON.parse(stdout) as RawProbe;
}

/**
 * Where a file's packets really end (ms), read from a little before the header's claimed
 * end (or, when nothing is found there, from the whole file): the header's duration is
 * the uploader's word, and a 1-second clip claiming an hour would otherwise become an
 * hour on the timeline. Packets are listed, never decoded. Null when none are found.
 */
export async function packetsEndMs(
  file: string,
  claimedMs: number,
  opts: ProbeOptions = {},
): Promise<number | null> {
  const scan = async (fromMs: number | null): Promise<number | null> => {
    let end: number | null = null;
    const interval = fromMs === null ? [] : ["-read_intervals", `${(fromMs / 1000).toFixed(3)}%`];
    await runFfmpeg(
      [
        "-v",
        "error",
        ...interval,
        "-show_entries",
        "packet=pts_time,duration_time",
        "-of",
        "csv=p=0",
        file,
      ],
      {
        bin: opts.ffprobePath ?? "ffprobe",
        signal: opts.signal,
        timeoutMs: opts.timeoutMs ?? 120_000,
        onLine: (line) => {
          const [pts, dur] = line.split(",").map(Number);
          if (!Number.isFinite(pts)) return;
          const at = (pts + (Number.isFinite(dur) ? dur : 0)) * 1000;
          if (end === null || at > end) end = at;
        },
      },
    );
    return end === null ? null : Math.round(end);
  };
  return (await scan(Math.max(0, claimedMs - 3000))) ?? (await scan(null));
}
