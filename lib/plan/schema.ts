import { z } from "zod";
import { audiogramBackgroundSchema } from "@/lib/draft/audiogram";
import {
  aspectSchema,
  captionStyleSchema,
  colorPresetSchema,
  fitSchema,
  positionSchema,
} from "@/lib/draft/schema";

// A plan is what the planner (rules or an LLM) makes of a request: an intent and an
// ordered list of operations on the draft. Seconds are numbers here; the engine turns
// them into the draft's milliseconds. Adding an operation = a row here, one builder in
// lib/engine/ops/, and its tests.

const sec = z.number().min(0);

/** Which clip(s) an op applies to, for sessions with several clips ("the second clip", "for each clip"). */
export const targetSchema = z
  .union([
    z.literal("all"),
    z.object({ index: z.number().int().min(0) }),
    z.object({ mediaId: z.string() }),
  ])
  .optional();

export const exportPresetSchema = z.enum([
  "youtube",
  "shorts",
  "tiktok",
  "reels",
  "instagram",
  "square",
  "portrait",
  "720p",
  "1080p",
  "twitter",
  "linkedin",
]);

export const opSchema = z.discriminatedUnion("op", [
  /** Keep only [start, end). `start: "intro"` asks the engine to find where content starts. */
  z.object({
    op: z.literal("trim"),
    start: z.union([sec, z.literal("intro")]).optional(),
    end: sec.optional(),
    target: targetSchema,
  }),
  /** Remove [from, to) and close the gap. */
  z.object({ op: z.literal("cut"), from: sec, to: sec, target: targetSchema }),
  z.object({ op: z.literal("split"), at: sec }),
  z.object({ op: z.literal("speed"), factor: z.number().min(0.25).max(4), target: targetSchema }),
  /** 1 unchanged, 0 mute; applies to the clips' own sound unless `track` says music. */
  z.object({
    op: z.literal("volume"),
    level: z.number().min(0).max(4),
    track: z.enum(["video", "music", "all"]).optional(),
    target: targetSchema,
  }),
  z.object({
    op: z.literal("fade"),
    in: sec.optional(),
    out: sec.optional(),
    target: targetSchema,
  }),
  z.object({
    op: z.literal("text"),
    text: z.string().min(1).max(500),
    start: sec.optional(),
    end: sec.optional(),
    position: positionSchema.optional(),
    size: z.number().min(0.01).max(0.3).optional(),
  }),
  /** Change existing titles (follow-ups such as "move the title to the bottom"). */
  z.object({
    op: z.literal("text_style"),
    position: positionSchema.optional(),
    scale: z.number().min(0.2).max(5).optional(),
    color: z.string().optional(),
    text: z.string().optional(),
  }),
  z.object({
    op: z.literal("captions"),
    style: captionStyleSchema.optional(),
    language: z.string().optional(),
  }),
  /** Change existing captions ("make the captions bigger"). */
  z.object({
    op: z.literal("caption_style"),
    style: captionStyleSchema.optional(),
    scale: z.number().min(0.2).max(5).optional(),
    position: positionSchema.optional(),
  }),
  z.object({ op: z.literal("remove_captions") }),
  /** Remove the titles; with `ids`, only those text blocks (titles or caption cues picked on the timeline). */
  z.object({ op: z.literal("remove_text"), ids: z.array(z.string().min(1)).min(1).optional() }),
  /** Background music: `source` is a media id or file name in the session. */
  z.object({
    op: z.literal("music"),
    source: z.string().optional(),
    level: z.number().min(0).max(4).optional(),
    duck: z.boolean().optional(),
  }),
  z.object({ op: z.literal("remove_music") }),
  z.object({ op: z.literal("normalize"), lufs: z.number().min(-40).max(-5).optional() }),
  z.object({ op: z.literal("aspect"), ratio: aspectSchema, fit: fitSchema.optional() }),
  z.object({
    op: z.literal("rotate"),
    degrees: z.union([z.literal(90), z.literal(180), z.literal(270), z.literal(-90)]),
    target: targetSchema,
  }),
  z.object({
    op: z.literal("flip"),
    axis: z.enum(["horizontal", "vertical"]),
    target: targetSchema,
  }),
  z.object({ op: z.literal("color"), preset: colorPresetSchema, target: targetSchema }),
  /** Cut silent stretches longer than `min` seconds, keeping margins around speech. */
  z.object({ op: z.literal("remove_silence"), min: sec.optional() }),
  z.object({ op: z.literal("remove_fillers") }),
  /** Edit by transcript: cut words (output-time spans, first word's start to last word's end); each cut snaps to the quietest point near the word boundary. */
  z.object({
    op: z.literal("cut_words"),
    spans: z
      .array(z.object({ from: sec, to: sec }))
      .min(1)
      .max(200),
  }),
  /** Shorten the pause [from, to) (output time) to `keep` seconds; 0 removes it. */
  z.object({ op: z.literal("shorten_pause"), from: sec, to: sec, keep: sec.max(5).optional() }),
  /** Put back the cut part of `mediaId` that contains [from, to) (source time). */
  z.object({ op: z.literal("restore_words"), mediaId: z.string().min(1), from: sec, to: sec }),
  /** The words said in [from, to) of `mediaId` (source time) are `text`: captions and subtitles use it. */
  z.object({
    op: z.literal("correct_words"),
    mediaId: z.string().min(1),
    from: sec,
    to: sec,
    text: z.string().trim().min(1).max(500),
  }),
  /**
   * Cut by quoted phrases, found in the transcript when the op runs: every occurrence of
   * `phrase`, from `phrase` through `until`, or the sentence that starts with `phrase`.
   */
  z.object({
    op: z.literal("cut_text"),
    match: z.enum(["every", "range", "sentence"]),
    phrase: z.string().trim().min(1).max(200),
    until: z.string().trim().min(1).max(200).optional(),
  }),
  /** Reorder clips on the main track: `order` lists current clip indexes in their new order. */
  z.object({ op: z.literal("reorder"), order: z.array(z.number().int().min(0)) }),
  /** Put media on the timeline: all session media, or those listed. */
  z.object({ op: z.literal("add_clips"), mediaIds: z.array(z.string()).optional() }),
  /** Timeline gestures (the studio's drag and keys). Set clip `index`'s source in/out points (s), rippling the rest. */
  z.object({
    op: z.literal("clip_bounds"),
    index: z.number().int().min(0),
    in: sec.optional(),
    out: sec.optional(),
  }),
  /** Ripple-delete whole clips of the main track (0-based indexes). */
  z.object({ op: z.literal("delete_clips"), indexes: z.array(z.number().int().min(0)).min(1) }),
  /** Move, resize, reword or place one title or caption block, found by its segment id. */
  z.object({
    op: z.literal("edit_text"),
    id: z.string().min(1),
    text: z.string().min(1).max(500).optional(),
    start: sec.optional(),
    end: sec.optional(),
    position: positionSchema.optional(),
  }),
  /** An audio story's picture: its background (a colour, or a photo / video / cover art by media id). */
  z.object({ op: z.literal("audiogram"), background: audiogramBackgroundSchema }),
  /** Start a render. With a `target`, each named clip gets its own export (batch work). */
  z.object({ op: z.literal("export"), preset: exportPresetSchema, target: targetSchema }),
]);

export const intentSchema = z.enum([
  "edit",
  "export",
  "credits",
  "state",
  "upload",
  "undo",
  "redo",
  "clarify",
]);

export const planSchema = z.object({
  intent: intentSchema,
  ops: z.array(opSchema),
  /** What the assistant says: what it will do, or the clarifying question. */
  reply: z.string(),
  /** A correction of the previous turn ("actually make it 10 seconds"): undo that turn, then apply `ops`. */
  revise: z.boolean().optional(),
  /** With `clarify`: the answers to offer, each a request that plans without another question. */
  choices: z.array(z.string().min(1).max(200)).max(4).optional(),
});

export type Op = z.infer<typeof opSchema>;
export type OpName = Op["op"];
export type Plan = z.infer<typeof planSchema>;
export type Intent = z.infer<typeof intentSchema>;
export type ExportPreset = z.infer<typeof exportPresetSchema>;
export type Target = z.infer<typeof targetSchema>;
