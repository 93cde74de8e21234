// Percent done and time left for long work made of stages (pull the sound out, then
// recognise it), as the chat and the CLI show it. Each stage gets a share of the whole;
// the time left is the time so far scaled by what remains, once there is enough to judge.

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
      done[stage] = Math.max(done[stage] ?? 0, Math.min(1, Math.max(0, ratio)));
      const whole = names.reduce((sum, n) => sum + (done[n] ?? 0) * o.weights[n], 0) / total;
      const t = now();
      const percent = Math.floor(whole * 100);
      if (percent === lastPercent || t - lastAt < every) return null;
      lastAt = t;
      lastPercent = percent;
      const elapsed = (t - started) / 1000;
      return {
        ratio: whole,
        etaSeconds: whole >= 0.02 ? Math.max(0, (elapsed / whole) * (1 - whole)) : null,
      };
    },
  };
}
