// Waveform peaks as the media `peaks` variant serves them, read tolerantly: a plain
// array, { peaks, peaksPerSecond }, or the audiowaveform JSON shape (interleaved
// min/max `data`, `sample_rate`, `samples_per_pixel`). Output: 0..1 levels and how
// many of them cover one second (null when they simply span the whole file).

export interface Peaks {
  levels: number[];
  perSecond: number | null;
}

function normalise(values: number[]): number[] {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return max > 0 ? values.map((v) => Math.abs(v) / max) : values.map(() => 0);
}

function numbers(x: unknown): number[] | null {
  return Array.isArray(x) && x.every((v) => typeof v === "number" && Number.isFinite(v))
    ? (x as number[])
    : null;
}

export function parsePeaks(json: unknown): Peaks | null {
  const plain = numbers(json);
  if (plain) return { levels: normalise(plain), perSecond: null };
  if (!json || typeof json !== "object") return null;
  const o = json as Record<string, unknown>;
  const rate = [o.peaksPerSecond, o.perSecond, o.pps, o.rate].find(
    (v) => typeof v === "number" && v > 0,
  ) as number | undefined;
  const list = numbers(o.peaks) ?? numbers(o.levels) ?? numbers(o.values);
  if (list) return { levels: normalise(list), perSecond: rate ?? null };
  const data = numbers(o.data);
  if (data) {
    const sampleRate = typeof o.sample_rate === "number" ? o.sample_rate : null;
    const spp = typeof o.samples_per_pixel === "number" ? o.samples_per_pixel : null;
    const pairs = o.channels !== undefined || o.samples_per_pixel !== undefined;
    let levels = data;
    if (pairs) {
      levels = [];
      for (let i = 0; i + 1 < data.length; i += 2)
        levels.push(Math.max(Math.abs(data[i]), Math.abs(data[i + 1])));
    }
    return {
      levels: normalise(levels),
      perSecond: sampleRate && spp ? sampleRate / spp : (rate ?? null),
    };
  }
  return null;
}

/** `count` bars for [fromSec, toSec) of a source lasting `durationSec`. */
export function slicePeaks(
  peaks: Peaks,
  durationSec: number,
  fromSec: number,
  toSec: number,
  count: number,
): number[] {
  const n = peaks.levels.length;
  if (n === 0 || count <= 0 || toSec <= fromSec) return [];
  const perSecond = peaks.perSecond ?? (durationSec > 0 ? n / durationSec : n);
  const out: number[] = [];
  const span = (toSec - fromSec) / count;
  for (let i = 0; i < count; i++) {
    const a = Math.floor((fromSec + i * span) * perSecond);
    const b = Math.max(a + 1, Math.floor((fromSec + (i + 1) * span) * perSecond));
    let m = 0;
    for (let j = Math.max(0, a); j < Math.min(n, b); j++) m = Math.max(m, peaks.levels[j]);
    out.push(m);
  }
  return out;
}
