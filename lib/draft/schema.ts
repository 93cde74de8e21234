import { z } from "zod";

// The timeline ("draft") in NemoVideo's field names: `t` tracks, `tt` track type,
// `sg` segments, `d` duration, `m` metadata. The cloud does not publish its segment
// fields, so segments are `passthrough`: unknown fields from the cloud survive a
// round trip, and the UI shows what it knows. All times are integer milliseconds.

export const TRACK_VIDEO = 0;
export const TRACK_AUDIO = 1;
export const TRACK_TEXT = 7;

const ms = z.number().int().min(0);

export const fitSchema = z.enum(["crop", "pad", "blur"]);
export const aspectSchema = z.enum(["16:9", "9:16", "1:1", "4:5"]);
export const colorPresetSchema = z.enum([
  "none",
  "warm",
  "cool",
  "vivid",
  "bw",
  "vintage",
  "bright",
  "contrast",
]);
export const positionSchema = z.enum([
  "top",
  "center",
  "bottom",
  "top-left",
  "top-right",
  "bottom-left",
  "bottom-right",
]);
export const captionStyleSchema = z.enum(["classic", "bold", "highlight"]);

/** Fields every segment has: where it sits on the output timeline. */
const segmentBase = {
  /** Stable id, unique within the draft. */
  id: z.string().min(1),
  /** Start on the output timeline. */
  st: ms,
  /** Length on the output timeline (after speed changes). */
  d: ms,
};

/** A clip from a media item on a video track (tt 0). Images are stills held for `d`. */
export const videoSegmentSchema = z
  .object({
    ...segmentBase,
    /** Media id of the source (a video or an image). */
    src: z.string().min(1),
    /** Display name, usually the file name. */
    name: z.string().optional(),
    /** In point in the source. */
    in: ms.default(0),
    /** Out point in the source (exclusive). For images, equals `in + d`. */
    out: ms,
    /** Playback speed: 2 = twice as fast. Output length is (out - in) / speed. */
    speed: z.number().min(0.25).max(4).default(1),
    /** Audio gain of this clip's own sound: 1 unchanged, 0 muted. */
    volume: z.number().min(0).max(4).default(1),
    /** Fade from/to black and silence, in ms. */
    fadeIn: ms.default(0),
    fadeOut: ms.default(0),
    /** Clockwise rotation applied on top of the source's own display rotation. */
    rotate: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).default(0),
    hflip: z.boolean().default(false),
    vflip: z.boolean().default(false),
    color: colorPresetSchema.default("none"),
    /** Crossfade from the previous segment on this track, in ms (0 = hard cut). */
    transitionIn: ms.default(0),
  })
  .passthrough();

/** A sound on an audio track (tt 1): background music, voice-over, an effect. */
export const audioSegmentSchema = z
  .object({
    ...segmentBase,
    src: z.string().min(1),
    name: z.string().optional(),
    in: ms.default(0),
    out: ms,
    volume: z.number().min(0).max(4).default(1),
    fadeIn: ms.default(0),
    fadeOut: ms.default(0),
    /** Repeat the source to fill `d` when it is shorter. */
    loop: z.boolean().default(false),
    /** Lower this sound while the video track has speech. */
    duck: z.boolean().default(false),
  })
  .passthrough();

/** One word with its own timing, for word-by-word caption highlight. Times are output-timeline ms. */
export const wordSchema = z.object({ w: z.string(), s: ms, e: ms });

/** Text on a text track (tt 7): a caption cue or a title. */
export const textSegmentSchema = z
  .object({
    ...segmentBase,
    text: z.string().min(1).max(500),
    /** "caption" cues come from a transcript; "title" is free text the user asked for. */
    kind: z.enum(["caption", "title"]).default("title"),
    position: positionSchema.default("bottom"),
    /** Font size as a fraction of output height (0.05 = 5%). */
    size: z.number().min(0.01).max(0.3).default(0.06),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .default("#FFFFFF"),
    /** Caption look; titles ignore it. */
    style: captionStyleSchema.default("classic"),
    words: z.array(wordSchema).optional(),
  })
  .passthrough();

export const trackMetaSchema = z
  .object({
    /** Human label: "Main video", "Music", "Captions", "Titles". */
    name: z.string().optional(),
    /** What the track is for, so follow-ups ("make the captions bigger") find it. */
    role: z.enum(["main", "overlay", "music", "voice", "captions", "titles"]).optional(),
    /** Caption source: which engine made them, for the reply and the UI. */
    engine: z.string().optional(),
    language: z.string().optional(),
    /** Whole-track mute. */
    muted: z.boolean().optional(),
  })
  .passthrough();

export const videoTrackSchema = z.object({
  tt: z.literal(TRACK_VIDEO),
  sg: z.array(videoSegmentSchema),
  m: trackMetaSchema.default({}),
});
export const audioTrackSchema = z.object({
  tt: z.literal(TRACK_AUDIO),
  sg: z.array(audioSegmentSchema),
  m: trackMetaSchema.default({}),
});
export const textTrackSchema = z.object({
  tt: z.literal(TRACK_TEXT),
  sg: z.array(textSegmentSchema),
  m: trackMetaSchema.default({}),
});

export const trackSchema = z.discriminatedUnion("tt", [
  videoTrackSchema,
  audioTrackSchema,
  textTrackSchema,
]);

/**
 * A transcript correction: the words said in [s, e) of media `src` (source ms) read
 * `text`. Kept by source time, so it survives cuts, reorders and re-transcription.
 */
export const correctionSchema = z.object({
  src: z.string().min(1),
  s: ms,
  e: ms,
  text: z.string().min(1).max(500),
});

/** Whole-draft settings. `width`/`height`/`fps` are the output frame. */
export const draftMetaSchema = z
  .object({
    title: z.string().default("Untitled project"),
    width: z.number().int().min(16).max(4096).default(1920),
    height: z.number().int().min(16).max(4096).default(1080),
    fps: z.number().min(1).max(60).default(30),
    aspect: aspectSchema.default("16:9"),
    /** How sources of another shape fill the frame. */
    fit: fitSchema.default("pad"),
    /** Integrated loudness target in LUFS, or null to leave levels alone. */
    loudness: z.number().min(-40).max(-5).nullable().default(null),
    /** Export preset the user last asked for, if any. */
    preset: z.string().optional(),
    /** Words the user retyped in the transcript, by source: captions and .srt/.vtt show these instead. */
    corrections: z.array(correctionSchema).optional(),
  })
  .passthrough();

export const draftSchema = z.object({
  t: z.array(trackSchema),
  d: ms,
  m: draftMetaSchema,
});

export type VideoSegment = z.infer<typeof videoSegmentSchema>;
export type AudioSegment = z.infer<typeof audioSegmentSchema>;
export type TextSegment = z.infer<typeof textSegmentSchema>;
export type Segment = VideoSegment | AudioSegment | TextSegment;
export type VideoTrack = z.infer<typeof videoTrackSchema>;
export type AudioTrack = z.infer<typeof audioTrackSchema>;
export type TextTrack = z.infer<typeof textTrackSchema>;
export type Track = z.infer<typeof trackSchema>;
export type Correction = z.infer<typeof correctionSchema>;
export type DraftMeta = z.infer<typeof draftMetaSchema>;
export type Draft = z.infer<typeof draftSchema>;
export type Fit = z.infer<typeof fitSchema>;
export type Aspect = z.infer<typeof aspectSchema>;
export type ColorPreset = z.infer<typeof colorPresetSchema>;
export type Position = z.infer<typeof positionSchema>;
export type CaptionStyle = z.infer<typeof captionStyleSchema>;

export function emptyDraft(title = "Untitled project"): Draft {
  return draftSchema.parse({ t: [], d: 0, m: { title } });
}

/** Output duration: the end of the last segment on any track. */
export function draftDuration(tracks: Track[]): number {
  let end = 0;
  for (const track of tracks) for (const seg of track.sg) end = Math.max(end, seg.st + seg.d);
  return end;
}
