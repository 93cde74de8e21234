import type { Range } from "./parse-analysis";

// Where does the content of a clip start? Combines what the analysis filters and the
// transcript found at the opening of the clip into one cut point and a sentence saying
// why. Speech, when known, wins (it is what a viewer waits for in a talk or tutorial);
// otherwise the moment either the sound or the picture comes alive; otherwise a scene
// cut early in the clip (a title card). Nothing found -> null: we never guess.

export interface IntroSignals {
  durationMs: number;
  silences?: Range[];
  black?: Range[];
  freezes?: Range[];
  scenes?: number[];
  /** First recognised word, source ms. */
  speechStartMs?: number;
}

export interface ContentStart {
  /** Cut point, source ms (rounded down to 0.1 s, with a margin before sound so no word is clipped). */
  startMs: number;
  /** Short reason for the ops summary: "speech starts at 3.1 s". */
  reason: string;
  /** What each signal found, for the reply: "silence until 3.0 s, black frames until 3.0 s". */
  findings: string[];
}

/** Dead stretches shorter than this at the very start are ignored. */
const MIN_LEAD_MS = 300;
/** A stretch counts as "at the start" if it begins within this. */
const START_SLACK_MS = 150;
/** Margin kept before sound or speech. */
const MARGIN_MS = 100;
/** A scene cut only marks an intro when it comes this early. */
const MAX_SCENE_MS = 10_000;

export const secondsText = (ms: number) => `${(Math.round(ms / 100) / 10).toFixed(1)} s`;

function leading(ranges: Range[] | undefined): number | null {
  const first = ranges?.find((r) => r.start <= START_SLACK_MS);
  return first && first.end - first.start >= MIN_LEAD_MS ? first.end : null;
}

const floorTenth = (ms: number) => Math.max(0, Math.floor(ms / 100) * 100);

export function decideContentStart(s: IntroSignals): ContentStart | null {
  const findings: string[] = [];
  const sound = leading(s.silences);
  const black = leading(s.black);
  const frozen = leading(s.freezes);
  if (sound !== null) findings.push(`silence until ${secondsText(sound)}`);
  if (black !== null) findings.push(`black frames until ${secondsText(black)}`);
  if (frozen !== null && (black === null || frozen > black + 100))
    findings.push(`a still picture until ${secondsText(frozen)}`);
  const limit = s.durationMs - 500;

  if (s.speechStartMs !== undefined && s.speechStartMs >= MIN_LEAD_MS && s.speechStartMs < limit) {
    findings.push(`speech starts at ${secondsText(s.speechStartMs)}`);
    return {
      startMs: floorTenth(s.speechStartMs - MARGIN_MS),
      reason: `speech starts at ${secondsText(s.speechStartMs)}`,
      findings,
    };
  }
  const picture = black !== null || frozen !== null ? Math.max(black ?? 0, frozen ?? 0) : null;
  const candidates = [sound, picture].filter((v): v is number => v !== null && v < limit);
  if (candidates.length > 0) {
    const at = Math.min(...candidates);
    const together = sound !== null && picture !== null && Math.abs(sound - picture) < 250;
    const byWhat = together ? "sound and picture" : at === sound ? "sound" : "the picture";
    const margin = at === sound || together ? MARGIN_MS : 0;
    return {
      startMs: floorTenth(at - margin),
      reason: `${byWhat} ${together ? "start" : "starts"} at ${secondsText(at)}`,
      findings,
    };
  }
  const scene = s.scenes?.find((t) => t >= 1000 && t <= Math.min(MAX_SCENE_MS, s.durationMs * 0.3));
  if (scene !== undefined) {
    findings.push(`a scene change at ${secondsText(scene)}`);
    return {
      startMs: floorTenth(scene),
      reason: `first scene change at ${secondsText(scene)}`,
      findings,
    };
  }
  return null;
}
