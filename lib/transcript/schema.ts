import { z } from "zod";

// The transcript panel's view of the timeline: every word the clips on it say, in
// timeline order, kept or cut, with pauses between kept words. Output times (`s`, `e`)
// place a kept word on the timeline; source times (`src`, `ss`, `se`) name it for
// corrections and restores. Made by the engine, read by the studio.

const ms = z.number().int().min(0);

export const transcriptWordSchema = z.object({
  type: z.literal("word"),
  /** Stable while the source and its words stay: `${src}:${ss}`. */
  id: z.string(),
  text: z.string(),
  /** The user retyped this word (a correction); captions and subtitles show `text`. */
  corrected: z.boolean(),
  /** A filler ("um", "uh", "you know"). */
  filler: z.boolean(),
  src: z.string(),
  ss: ms,
  se: ms,
  /** Output times; null when the word is cut. */
  s: ms.nullable(),
  e: ms.nullable(),
});

export const transcriptPauseSchema = z.object({
  type: z.literal("pause"),
  id: z.string(),
  /** Output times of the silence between two kept words. */
  s: ms,
  e: ms,
});

export const transcriptTokenSchema = z.discriminatedUnion("type", [
  transcriptWordSchema,
  transcriptPauseSchema,
]);

export const transcriptViewSchema = z.object({
  /** ready: every clip with sound was transcribed; partial: some; none: none yet; silent: no clip has sound. */
  status: z.enum(["ready", "partial", "none", "silent"]),
  /** Which recogniser made the words, for the panel's footer. */
  engine: z.string().nullable(),
  tokens: z.array(transcriptTokenSchema),
  /** Kept filler words, for "Remove all fillers (N)". */
  fillers: z.number().int(),
  /** Names of clips on the timeline that have sound but no transcript yet. */
  missing: z.array(z.string()),
  /** Draft version the view was made from. */
  version: z.number().int(),
});

export type TranscriptWord = z.infer<typeof transcriptWordSchema>;
export type TranscriptPause = z.infer<typeof transcriptPauseSchema>;
export type TranscriptToken = z.infer<typeof transcriptTokenSchema>;
export type TranscriptView = z.infer<typeof transcriptViewSchema>;

/** A pause at least this long shows as a `[1.2 s]` token. */
export const PAUSE_TOKEN_MS = 400;
