import type { Op } from "@/lib/plan/schema";
import type { MediaAnalysis } from "./types";

// Which facts about the media an op needs in OpContext.analysis before it can run. The
// chat agent uses this to run only the analysis a plan needs (and to say what it is
// doing); the direct /api/state/ops route, which has no analysis, refuses these ops.

export type AnalysisNeed = keyof Pick<
  MediaAnalysis,
  "contentStartMs" | "silences" | "words" | "energy"
>;

export function analysisNeeds(op: Op): AnalysisNeed[] {
  switch (op.op) {
    case "trim":
      return op.start === "intro" ? ["contentStartMs"] : [];
    case "remove_silence":
      return ["silences", "energy"];
    case "remove_fillers":
    case "cut_words":
    case "cut_text":
      return ["words", "energy"];
    case "shorten_pause":
      return ["energy"];
    case "captions":
    case "restore_words":
      return ["words"];
    default:
      return [];
  }
}

/** What to tell someone who asked for a media-aware edit where no analysis can run. */
export function askInChat(op: Op): string {
  switch (op.op) {
    case "captions":
      return "Ask for captions in the chat: I need to listen to the speech first.";
    case "remove_fillers":
      return 'Ask for this in the chat ("remove the ums"): I need to listen to the speech first.';
    case "remove_silence":
      return 'Ask for this in the chat ("remove the pauses"): I need to measure the pauses first.';
    default:
      return 'Ask for this in the chat ("trim the intro"): I need to look at the video first to find where it starts.';
  }
}
