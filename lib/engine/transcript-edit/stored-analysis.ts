import { videoClips } from "@/lib/draft/tracks";
import { AppError } from "@/lib/errors";
import type { Draft } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import type { MediaRecord } from "../media/types";
import { analysisNeeds, askInChat } from "../ops/analysis-needs";
import type { AudioEnergy } from "../ops/snap-cuts";
import type { MediaAnalysis } from "../ops/types";
import type { Transcript } from "../transcribe/types";

// The analysis a direct edit (POST /api/state/ops, the transcript panel) can have without
// a chat turn: transcripts already made (never a new recognition run: that is slow and
// is offered in the panel on its own) and the loudness envelope (one quick decode, then
// cached). Ops that need something else are still sent to the chat.

export interface StoredAnalysisDeps {
  /** A transcript made earlier for this media item, or null. */
  cachedTranscript(mediaId: string): Transcript | null;
  measureEnergy(media: MediaRecord, opts: { signal?: AbortSignal }): Promise<AudioEnergy | null>;
}

export async function storedAnalysis(
  deps: StoredAnalysisDeps,
  ops: Op[],
  draft: Draft,
  media: MediaRecord[],
  signal?: AbortSignal,
): Promise<Record<string, MediaAnalysis>> {
  const analysis: Record<string, MediaAnalysis> = {};
  const srcs = [...new Set(videoClips(draft).map((c) => c.src))];
  const onTimeline = srcs
    .map((id) => media.find((m) => m.id === id))
    .filter((m): m is MediaRecord => Boolean(m));
  const needs = new Set(ops.flatMap(analysisNeeds));
  for (const op of ops) {
    const hard = analysisNeeds(op).filter((n) => n !== "energy");
    if (hard.some((n) => n !== "words")) throw new AppError("validation", askInChat(op));
  }
  if (needs.has("words")) {
    for (const m of onTimeline) {
      const t = m.probe.hasAudio ? deps.cachedTranscript(m.id) : null;
      if (t) analysis[m.id] = { words: t.words, transcriptEngine: t.engine };
    }
    const needy = ops.find((op) => analysisNeeds(op).includes("words"));
    if (needy && Object.keys(analysis).length === 0) {
      throw new AppError(
        "validation",
        needy.op === "remove_fillers" || needy.op === "captions"
          ? askInChat(needy)
          : 'I have not listened to the speech yet: open the transcript and press "Transcribe", or ask for captions in the chat.',
      );
    }
  }
  if (needs.has("energy")) {
    for (const m of onTimeline) {
      // A clean cut point is a refinement: without the measurement the cut still happens at the word times.
      const energy = await deps.measureEnergy(m, { signal }).catch((err) => {
        if (err instanceof AppError && err.code === "cancelled") throw err;
        return null;
      });
      if (energy) (analysis[m.id] ??= {}).energy = energy;
    }
  }
  return analysis;
}
