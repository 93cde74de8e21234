import type { Draft } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import type { TimedWord } from "../transcribe/types";
import type { MediaRecord } from "../media/types";
import type { WorkLimits } from "./work-limits";
import type { AudioEnergy } from "./snap-cuts";

// Operations are pure functions draft -> draft. Anything they need from the outside
// world (media facts, analysis of the audio, transcripts) comes in the context, found
// beforehand by the agent, so the functions stay pure and testable without ffmpeg.

export interface MediaAnalysis {
  /** Where the content starts in the source (ms), and why ("speech starts", "first scene change"). */
  contentStartMs?: number;
  contentStartReason?: string;
  /** Silent stretches in the source, ms. */
  silences?: { start: number; end: number }[];
  /** Word timings in the source, ms. */
  words?: TimedWord[];
  /** Engine that made `words`, for the reply. */
  transcriptEngine?: string;
  /** Loudness every few ms, for snapping cuts to quiet points (ops/snap-cuts.ts). */
  energy?: AudioEnergy;
}

export interface OpContext {
  /** The session's media, in upload order. */
  media: MediaRecord[];
  /** Analysis per media id, for media-aware ops (trim intro, remove_silence, remove_fillers, captions). */
  analysis: Record<string, MediaAnalysis>;
  /** Makes unique segment ids. */
  newId: () => string;
  /** Bounds on output length and segments (MAX_OUTPUT_MINUTES, MAX_SEGMENTS); none when absent. */
  limits?: WorkLimits;
}

export interface OpResult {
  draft: Draft;
  /** What changed, with times: "Trimmed the intro: the video now starts at 0:03.2 (speech starts)." */
  summary: string;
  /** How a person would do the same by hand in an editor, one or two sentences. */
  tip: string;
}

export type ApplyOp = (draft: Draft, op: Op, ctx: OpContext) => OpResult;
