// Percent done and time left for long work made of stages (pull the sound out, then
// recognise it), as the chat and the CLI show it. Each stage gets a share of the whole
// percent. The time left comes from the pace of the stage in progress, not of the whole:
// the stages' shares are guesses, and a quick first stage (the sound of an hour is out in
// seconds, its recognition takes half an hour) would make the whole's pace promise far
// too little time. Stages still to come are priced at the current stage's pace.

export interface WorkProgress {
  /** 0..1 of the whole job. */
  ratio: number;
  /** Estimated seconds left, null until 2% is done. */
  etaSeconds: number | null;
}

export interface ProgressMeter {
  /** Where `stage` is (0..1); returns the whole job's progress when it is worth telling (see `every`), else null. */
  report(stage: string, ratio: number | null): WorkProgress | null;
}

export interface MeterOptions {
  /** Share of the whole per stage (normalised); stages not listed count for nothing. */
  weights: Record<string, number>;
  /** Tell at most this often (ms), and only when the whole percent moved. */
  everyMs?: number;
  now?: () => number;
}

export function createProgressMeter(o: MeterOptions): ProgressMeter {
  const now = o.now ?? Date.now;
  const every = o.everyMs ?? 1000;
  const names = Object.keys(o.weights);
  const total = names.reduce((sum, n) => sum + o.weights[n], 0) || 1;
  const done: Record<string, number> = {};
  const started = now();
  // The stage in progress, when it started, and how far it was then.
  let current: { stage: string; at: number; from: number } | null = null;
  let lastAt = -Infinity;
  let lastPercent = -1;
  return {
    report(stage, ratio) {
      if (!(stage in o.weights) || ratio === null || !Number.isFinite(ratio)) return null;
      // A stage reported means the ones before it are finished.
      for (const n of names) {
        if (n === stage) break;
        done[n] = 1;
      }
      const t = now();
      if (current?.stage !== stage) current = { stage, at: t, from: done[stage] ?? 0 };
      done[stage] = Math.max(done[stage] ?? 0, Math.min(1, Math.max(0, ratio)));
      const whole = names.reduce((sum, n) => sum + (done[n] ?? 0) * o.weights[n], 0) / total;
      const percent = Math.floor(whole * 100);
      if (percent === lastPercent || t - lastAt < every) return null;
      lastAt = t;
      lastPercent = percent;
      return { ratio: whole, etaSeconds: whole >= 0.02 ? timeLeft(t, whole) : null };
    },
  };

  /** Seconds left: the rest of this stage and the later ones, at this stage's pace so far. */
  function timeLeft(t: number, whole: number): number {
    const stage = current!.stage;
    const moved = ((done[stage] - current!.from) * o.weights[stage]) / total;
    const seconds = (t - current!.at) / 1000;
    // Too little of this stage seen yet (it just began): the whole's pace is all there is.
    if (moved < 0.01 || seconds <= 0)
      return Math.max(0, ((t - started) / 1000 / whole) * (1 - whole));
    return Math.max(0, (seconds / moved) * (1 - whole));
  }
}
