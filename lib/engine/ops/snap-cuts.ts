import { videoClips } from "@/lib/draft/tracks";
import type { Draft, VideoSegment } from "@/lib/draft/schema";
import type { MediaAnalysis } from "./types";

// Clean cut points. Speech recognisers place word edges 50-150 ms off, so a cut made at
// a word's reported start can clip its first consonant or leave a breath. Each cut point
// moves to the nearest moment, within a small window, whose surroundings (±guard) are
// quiet relative to that window: inside the pause between the words when there is one,
// else the least loud instant. Pure: the loudness envelope comes in the analysis.

/** A clip's loudness: one RMS level in dBFS per `hopMs` of source time. */
export interface AudioEnergy {
  hopMs: number;
  db: Float32Array;
}

export interface SnapOptions {
  /** How far (ms) a cut may move from where it was asked for. */
  windowMs?: number;
  /** This much (ms) on each side of the cut must be quiet too: the fade and a safety margin. */
  guardMs?: number;
  /** "Quiet" is within this many dB of the window's quietest instant... */
  quietDb?: number;
  /** ...or below this absolute level, whatever the window holds. */
  silenceDb?: number;
}

export const SNAP_DEFAULTS: Required<SnapOptions> = {
  windowMs: 150,
  guardMs: 20,
  quietDb: 10,
  silenceDb: -55,
};

/**
 * The source time (ms) near `targetMs` to cut at, never outside [lo, hi]. Without an
 * envelope (a clip with no sound) the target stays where it is.
 */
export function snapPoint(
  energy: AudioEnergy | undefined,
  targetMs: number,
  lo: number,
  hi: number,
  options: SnapOptions = {},
): number {
  const o = { ...SNAP_DEFAULTS, ...options };
  const clampT = Math.min(hi, Math.max(lo, targetMs));
  if (!energy || energy.db.length === 0 || hi <= lo) return Math.round(clampT);
  const { hopMs, db } = energy;
  const frame = (t: number) => Math.min(db.length - 1, Math.max(0, Math.floor(t / hopMs)));
  const first = frame(Math.max(lo, clampT - o.windowMs));
  const last = frame(Math.min(hi, clampT + o.windowMs));
  const g = Math.max(0, Math.round(o.guardMs / hopMs));
  // Loudest level within ±guard of each candidate: a cut is only as clean as its surroundings.
  const around = (i: number) => {
    let m = -Infinity;
    for (let k = Math.max(0, i - g); k <= Math.min(db.length - 1, i + g); k++)
      m = Math.max(m, db[k]);
    return m;
  };
  // Mean power within ±guard: ranks candidates when nothing nearby is quiet.
  const meanPower = (i: number) => {
    let sum = 0;
    let n = 0;
    for (let k = Math.max(0, i - g); k <= Math.min(db.length - 1, i + g); k++, n++)
      sum += 10 ** (db[k] / 10);
    return sum / Math.max(1, n);
  };
  let floor = Infinity;
  for (let i = first; i <= last; i++) floor = Math.min(floor, db[i]);
  const threshold = Math.max(floor + o.quietDb, o.silenceDb);
  const target = clampT / hopMs - 0.5;
  let best = -1;
  let bestDist = Infinity;
  let fallback = first;
  let fallbackLevel = Infinity;
  for (let i = first; i <= last; i++) {
    const dist = Math.abs(i - target);
    if (around(i) <= threshold && dist < bestDist) {
      best = i;
      bestDist = dist;
    }
    const power = meanPower(i);
    if (power < fallbackLevel || (power === fallbackLevel && dist < Math.abs(fallback - target))) {
      fallback = i;
      fallbackLevel = power;
    }
  }
  const pick = best >= 0 ? best : fallback;
  return Math.round(Math.min(hi, Math.max(lo, (pick + 0.5) * hopMs)));
}

/** The clip that plays output time `t`; `end` picks the clip a range ending at `t` ends in. */
function clipAt(clips: VideoSegment[], t: number, end: boolean): VideoSegment | undefined {
  return clips.find((c) => (end ? t > c.st && t <= c.st + c.d : t >= c.st && t < c.st + c.d));
}

export interface SnapBounds {
  /** Output times a snapped point may not cross (the kept neighbouring words). */
  lo?: number;
  hi?: number;
}

/**
 * Snaps one output-time cut point through the clip that plays it: output -> source,
 * snapped in that clip's sound, -> output. `end` says the point ends a removed range.
 */
export function snapOutputPoint(
  draft: Draft,
  analysis: Record<string, MediaAnalysis>,
  t: number,
  end: boolean,
  bounds: SnapBounds = {},
  options?: SnapOptions,
): number {
  const clips = videoClips(draft);
  const clip = clipAt(clips, t, end);
  if (!clip) return t;
  const energy = analysis[clip.src]?.energy;
  if (!energy) return t;
  const toSrc = (x: number) => clip.in + (x - clip.st) * clip.speed;
  const toOut = (x: number) => clip.st + (x - clip.in) / clip.speed;
  const lo = Math.max(clip.in, toSrc(Math.max(clip.st, bounds.lo ?? -Infinity)));
  const hi = Math.min(clip.out, toSrc(Math.min(clip.st + clip.d, bounds.hi ?? Infinity)));
  return Math.round(toOut(snapPoint(energy, toSrc(t), lo, hi, options)));
}

/** Output ranges to remove, each end snapped; a range that snapping would empty keeps its original ends. */
export function snapRanges(
  draft: Draft,
  analysis: Record<string, MediaAnalysis>,
  ranges: [number, number][],
  options?: SnapOptions,
): [number, number][] {
  return ranges.map(([a, b]) => {
    const mid = (a + b) / 2;
    const sa = snapOutputPoint(draft, analysis, a, false, { hi: mid }, options);
    const sb = snapOutputPoint(draft, analysis, b, true, { lo: mid }, options);
    return sb > sa ? [sa, sb] : [a, b];
  });
}
