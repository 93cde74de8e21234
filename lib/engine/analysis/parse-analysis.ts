// Reads ffmpeg analysis filters' stderr back into numbers (ms). Pure, so every shape of
// output (a silence still open at the end of the file, several filters interleaved, a
// carriage-return progress line) is tested without running ffmpeg.

export interface Range {
  start: number;
  end: number;
}

const num = (s: string) => Math.round(Number(s) * 1000);

/** silencedetect: pairs of silence_start / silence_end; an open silence runs to `durationMs`. */
export function parseSilences(stderr: string, durationMs?: number): Range[] {
  const out: Range[] = [];
  let open: number | null = null;
  for (const m of stderr.matchAll(/silence_(start|end):\s*(-?[\d.]+)/g)) {
    if (m[1] === "start") open = Math.max(0, num(m[2]));
    else if (open !== null) {
      out.push({ start: open, end: num(m[2]) });
      open = null;
    }
  }
  if (open !== null && durationMs !== undefined && durationMs > open)
    out.push({ start: open, end: durationMs });
  return out;
}

/** blackdetect: "black_start:0 black_end:3 black_duration:3". */
export function parseBlack(stderr: string): Range[] {
  return [...stderr.matchAll(/black_start:\s*([\d.]+)\s+black_end:\s*([\d.]+)/g)].map((m) => ({
    start: num(m[1]),
    end: num(m[2]),
  }));
}

/** freezedetect: freeze_start, then freeze_duration and freeze_end; an open freeze runs to `durationMs`. */
export function parseFreezes(stderr: string, durationMs?: number): Range[] {
  const out: Range[] = [];
  let open: number | null = null;
  for (const m of stderr.matchAll(/freezedetect\.freeze_(start|end):\s*([\d.]+)/g)) {
    if (m[1] === "start") open = num(m[2]);
    else if (open !== null) {
      out.push({ start: open, end: num(m[2]) });
      open = null;
    }
  }
  if (open !== null && durationMs !== undefined && durationMs > open)
    out.push({ start: open, end: durationMs });
  return out;
}

/** scdet: "lavfi.scd.score: 41.430, lavfi.scd.time: 2" -> times of cuts, ms. */
export function parseSceneChanges(stderr: string): number[] {
  return [...stderr.matchAll(/lavfi\.scd\.score:\s*([\d.]+),\s*lavfi\.scd\.time:\s*([\d.]+)/g)].map(
    (m) => num(m[2]),
  );
}
