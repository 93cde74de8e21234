import { z } from "zod";

// A media item as the browser sees it: the seed's upload answer
// (`files[]{ id, url, duration, width, height, fps, hash }`) plus what the studio needs.

export const ACCEPTED_EXTENSIONS = {
  video: ["mp4", "mov", "avi", "webm", "mkv"],
  image: ["jpg", "jpeg", "png", "gif", "webp"],
  audio: ["mp3", "wav", "m4a", "aac"],
} as const;

export const ALL_ACCEPTED_EXTENSIONS: readonly string[] = Object.values(ACCEPTED_EXTENSIONS).flat();

export const ACCEPTED_TYPES_SENTENCE =
  "Supported files: videos (MP4, MOV, AVI, WebM, MKV), images (JPG, PNG, GIF, WebP) and audio (MP3, WAV, M4A, AAC).";

/** Captions files (.srt/.vtt) are read into memory: far larger than subtitles need is refused. */
export const MAX_SUBTITLE_BYTES = 2 * 1024 * 1024;

export const mediaKindSchema = z.enum(["video", "image", "audio"]);

export const mediaItemSchema = z.object({
  id: z.string(),
  kind: mediaKindSchema,
  name: z.string(),
  size: z.number().int().min(0),
  /** URL the browser can play or show (the proxy when the source cannot play in a browser). */
  url: z.string(),
  /** Seconds (0 for images). */
  duration: z.number().min(0),
  width: z.number().int().min(0),
  height: z.number().int().min(0),
  fps: z.number().min(0),
  /** Variable frame rate source. */
  vfr: z.boolean().default(false),
  /** Display rotation in degrees from the container/side data (0, 90, 180, 270). */
  rotation: z.number().int().default(0),
  hasAudio: z.boolean(),
  /** A sound file with cover art inside (an audiogram can show it). */
  hasCover: z.boolean().default(false),
  videoCodec: z.string().nullable().default(null),
  audioCodec: z.string().nullable().default(null),
  hash: z.string(),
  posterUrl: z.string().nullable().default(null),
  filmstripUrl: z.string().nullable().default(null),
  peaksUrl: z.string().nullable().default(null),
  /** "pending" while the poster, filmstrip or waveform is still being made (the URLs above are null until then). */
  previews: z.enum(["pending", "ready"]).default("ready"),
  /** "none": plays as is; "pending": a browser-playable proxy is being made; "ready"; "failed". */
  proxy: z.enum(["none", "pending", "ready", "failed"]).default("none"),
  createdAt: z.string(),
});

export type MediaKind = z.infer<typeof mediaKindSchema>;
export type MediaItem = z.infer<typeof mediaItemSchema>;

/** A file of a batch that was refused, with the sentence to show beside it. */
export const failedUploadSchema = z.object({
  name: z.string(),
  code: z.union([z.number(), z.string()]),
  message: z.string(),
});

/** Good files are kept even when others in the same batch are refused. */
export const uploadResultSchema = z.object({
  files: z.array(mediaItemSchema),
  failed: z.array(failedUploadSchema).optional(),
});
export type FailedUpload = z.infer<typeof failedUploadSchema>;
export type UploadResult = z.infer<typeof uploadResultSchema>;
