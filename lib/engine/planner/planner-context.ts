import type { Aspect, Draft } from "@/lib/draft/schema";
import { audioTracks, durationMs, segmentsOf, textTracks, videoTrack } from "@/lib/draft/tracks";
import type { Plan } from "@/lib/plan/schema";

// What a planner may know about the session when it reads a request: facts from the
// draft and the media bin, and the previous plan for follow-ups ("make it 10 seconds").
// Plain data, so the CLI can build it from flags and tests from literals.

export interface PlannerClip {
  /** Position on the main video track, 0-based. */
  index: number;
  name: string;
  mediaId?: string;
  durationSec: number;
  /** Where the clip starts on the output timeline; clips follow one another when absent. */
  startSec?: number;
}

export interface PlannerMedia {
  id: string;
  name: string;
  kind: "video" | "image" | "audio";
  durationSec: number;
}

export interface PlannerContext {
  /** Output duration of the timeline, seconds (or of the media when the timeline is empty). */
  durationSec?: number;
  clips: PlannerClip[];
  /** The session's media bin; undefined when unknown (CLI without inputs). */
  media?: PlannerMedia[];
  hasCaptions: boolean;
  hasTitles: boolean;
  hasMusic: boolean;
  /** Current music gain, so "quieter" halves what is there. */
  musicLevel?: number;
  aspect: Aspect;
  /** Export preset last asked for. */
  preset?: string;
  /** The plan of the previous turn, for follow-ups. */
  lastPlan?: Plan;
}

export function emptyContext(over: Partial<PlannerContext> = {}): PlannerContext {
  return {
    clips: [],
    hasCaptions: false,
    hasTitles: false,
    hasMusic: false,
    aspect: "16:9",
    ...over,
  };
}

/** Builds the planner's view from a draft, the media bin and the last plan. */
export function contextFromDraft(
  draft: Draft,
  media: PlannerMedia[] | undefined,
  lastPlan?: Plan,
): PlannerContext {
  const main = videoTrack(draft);
  const clips: PlannerClip[] = (main ? segmentsOf(main) : []).map((s, index) => ({
    index,
    name: s.name ?? media?.find((m) => m.id === s.src)?.name ?? `clip ${index + 1}`,
    mediaId: s.src,
    durationSec: s.d / 1000,
    startSec: s.st / 1000,
  }));
  const text = textTracks(draft);
  const music = audioTracks(draft).find((t) => t.m.role !== "voice" && segmentsOf(t).length > 0);
  let durationSec = durationMs(draft) / 1000;
  if (durationSec === 0 && media) {
    durationSec = media
      .filter((m) => m.kind === "video")
      .reduce((sum, m) => sum + m.durationSec, 0);
  }
  return {
    durationSec: durationSec > 0 ? durationSec : undefined,
    clips,
    media,
    hasCaptions: text.some(
      (t) => t.m.role === "captions" || segmentsOf(t).some((s) => s.kind === "caption"),
    ),
    hasTitles: text.some(
      (t) => t.m.role === "titles" || segmentsOf(t).some((s) => s.kind === "title"),
    ),
    hasMusic: Boolean(music),
    musicLevel: (music && segmentsOf(music)[0]?.volume) as number | undefined,
    aspect: draft.m.aspect,
    preset: draft.m.preset,
    lastPlan,
  };
}
