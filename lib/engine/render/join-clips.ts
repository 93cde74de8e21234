import { secs } from "./clip-filters";
import { SAMPLE_RATE } from "./frame-grid";
import type { MainItem } from "./layout-timeline";

// Joins the per-clip streams: one concat when all cuts of the timeline are hard, a
// crossfade chain otherwise. A chunk of a chunked render joins its own clips the way the
// whole timeline would (same path, timeline positions counted from the chunk's start),
// so its frames are the whole render's frames. Either stream may be absent (a chunk
// renders picture only).

export interface JoinOptions {
  /** The timeline has crossfades: the pairwise chain (even where this part has none). */
  crossfade: boolean;
  /** Timeline position (ms) where these items start. */
  base: number;
  /** Crossfade path, a chunk that is not the last: cut or extend to this length (ms), as before the next hard cut. */
  endAt: number | null;
  /** The output frame rate as ffmpeg reads it (fpsExpr). */
  rate: string;
}

export function joinClips(
  items: MainItem[],
  v: string[] | null,
  a: string[] | null,
  graph: string[],
  opts: JoinOptions,
): [string | null, string | null] {
  if (!opts.crossfade) {
    if (items.length === 1) return [v?.[0] ?? null, a?.[0] ?? null];
    const pads = items.map((_, i) => `${v ? `[${v[i]}]` : ""}${a ? `[${a[i]}]` : ""}`).join("");
    graph.push(
      `${pads}concat=n=${items.length}:v=${v ? 1 : 0}:a=${a ? 1 : 0}${v ? "[vcat]" : ""}${a ? "[acat]" : ""}`,
    );
    return [v ? "vcat" : null, a ? "acat" : null];
  }
  return crossfadeChain(items, v, a, graph, opts);
}

/**
 * Clips joined pairwise. The incoming clip starts at its own timeline position, so
 * captions stay in sync: the outgoing side is extended (last frame held, silence) or
 * cut to `st + transition`, then xfade/acrossfade blend the overlap.
 */
function crossfadeChain(
  items: MainItem[],
  v: string[] | null,
  a: string[] | null,
  graph: string[],
  opts: JoinOptions,
): [string | null, string | null] {
  let vAcc = v?.[0] ?? null;
  let aAcc = a?.[0] ?? null;
  let length = items[0].d;
  const extend = (i: number, end: number) => {
    const hold = Math.max(0, end - length);
    // ffmpeg 5.1's tpad holds nothing after an xfade (three crossfaded clips came out
    // 0.6 s short, the picture ending before the sound). Numbering the frames afresh
    // (they are on the rate's grid from 0) lets it hold the last one.
    if (vAcc)
      graph.push(
        `[${vAcc}]setpts=N/(${opts.rate})/TB,tpad=stop_mode=clone:stop_duration=${secs(hold)},trim=duration=${secs(end)},settb=AVTB[vx${i}]`,
      );
    // Bounded padding that atrim ends itself (see exactSamples), on the picture's instant.
    if (aAcc)
      graph.push(
        `[${aAcc}]apad=whole_len=${Math.ceil((end * SAMPLE_RATE) / 1000) + 1},atrim=duration=${secs(end)}[ax${i}]`,
      );
  };
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    const t = item.type === "clip" ? item.transition : 0;
    const st = Math.min(item.st - opts.base, length);
    extend(i, st + t);
    if (t > 0) {
      // xfade refuses inputs whose time bases differ, and the chain's side comes out of a
      // concat (after a hard cut) in microseconds where a clip is in 1/rate: both sides
      // are brought to microseconds, as a plain concat of the whole timeline is.
      if (v)
        graph.push(
          `[${v[i]}]settb=AVTB[vi${i}]`,
          `[vx${i}][vi${i}]xfade=transition=fade:duration=${secs(t)}:offset=${secs(st)}[vj${i}]`,
        );
      if (a) graph.push(`[ax${i}][${a[i]}]acrossfade=d=${secs(t)}[aj${i}]`);
    } else {
      // Picture and sound joined apart, as xfade and acrossfade join them: a concat of both
      // rounds the cut to a microsecond and ran the sound up to 8 samples late until the next
      // crossfade, so a chunked render (picture and sound rendered apart) differed from it.
      if (v) graph.push(`[vx${i}][${v[i]}]concat=n=2:v=1:a=0[vj${i}]`);
      if (a) graph.push(`[ax${i}][${a[i]}]concat=n=2:v=0:a=1[aj${i}]`);
    }
    vAcc = v ? `vj${i}` : null;
    aAcc = a ? `aj${i}` : null;
    length = st + item.d;
  }
  if (opts.endAt !== null) {
    extend(items.length, opts.endAt);
    return [vAcc ? `vx${items.length}` : null, aAcc ? `ax${items.length}` : null];
  }
  return [vAcc, aAcc];
}
