import { fpsValue, itemLength, sampleAt } from "./frame-grid";
import type { MainItem, RenderMedia } from "./layout-timeline";

// Which ffmpeg input (one demuxer + one decoder) feeds which clip. Opening an input per
// clip costs a decoder each (about 32 MB at 1080p): "remove the pauses" on a long talk
// is hundreds of clips from ONE file, and memory grew with every cut. Here clips that
// read a source forwards (each starts at or after the previous one's end, with at most
// MAX_SKIP_MS of unused source between them) share one reader; the `segment`/`asegment`
// filters cut its decoded stream at the clips' in/out points and the unused stretches
// go to a null sink.
//
// Why segment/asegment and not split+trim or select/aselect: split copies every frame
// to every branch, so each frame wakes every clip's trim (work and scheduling grow as
// clips x frames); aselect routes whole audio frames (1024 samples), so a cut would
// move by up to 21 ms. `segment` hands each frame to one output only, `asegment`
// splits audio frames at the exact sample, and both cut on timestamps the way input
// `-ss`/`-t` did (a frame belongs to a clip when in <= pts < out), so the picture and
// sound are the ones the per-clip inputs gave.
//
// A clip that goes backwards in its source (a repeat, a reordered edit) or jumps far
// ahead starts a new reader, seeking with `-ss` as before: decoding a long unused
// stretch would cost more than a second decoder.

/** Beyond this much unused source between two clips, seeking beats decoding through. */
export const MAX_SKIP_MS = 20_000;

type Clip = Extract<MainItem, { type: "clip" }>;

export interface ReaderPart {
  /** Index of the clip in the items given. */
  item: number;
  /** Source range in frames of the reader (its picture is brought to the output rate first): [first, first + frames). */
  first: number;
  frames: number;
  /** The source may end before the last of those frames: the clip's last frame is held (tpad) to fill its length. */
  nearEnd: boolean;
  /** Sound samples of its place on the output grid (speed 1 only; else cut after the tempo change). */
  samples: number | null;
}

export interface Reader {
  media: RenderMedia;
  /** Source position (ms) the input starts reading at (-ss). */
  start: number;
  /** Frames of the reader used so far: the input reads `-t` this long. */
  endFrame: number;
  parts: ReaderPart[];
}

/** The source range a clip reads on its own input, as before readers were shared (at least 1 ms). */
export function clipRange(item: Clip): { from: number; to: number } {
  return { from: item.seg.in, to: item.seg.in + Math.max(1, item.seg.out - item.seg.in) };
}

/**
 * What a shared reader does to every frame before cutting it: the clips' rotation, flips
 * and colour (and so the fit), which must therefore be the same for all its clips.
 * Each scaler costs memory whether it runs or not (~2 MB at 360p, ~15 MB at 1080p):
 * one per reader instead of one per clip keeps a thousand cuts small.
 */
export function lookOf(item: Clip): string {
  const s = item.seg;
  return `${s.rotate}|${s.hflip}|${s.vflip}|${s.color}`;
}

/**
 * A clip's frames in a reader that starts at `start` ms: from the first frame at or after
 * its in point, exactly as many as its place on the output grid holds (a sped-up or
 * slowed clip takes the source frames those become, plus one). Cutting a shared reader
 * by exact frame counts, never by time and a trim, matters for memory: in ffmpeg 5.1 a
 * filter chain that stops taking frames before its segment ends keeps every frame still
 * sent to it until the whole render ends.
 */
function partOf(item: Clip, i: number, start: number, fps: number): ReaderPart {
  const { frames, samples } = itemLength(item, fps);
  const first = Math.max(0, Math.ceil(((item.seg.in - start) * fpsValue(fps)) / 1000 - 1e-6));
  const count = item.seg.speed === 1 ? frames : Math.ceil(frames * item.seg.speed) + 1;
  const endMs = start + ((first + count + 1) * 1000) / fpsValue(fps);
  return {
    item: i,
    first,
    frames: count,
    nearEnd: endMs > item.media.probe.durationMs,
    samples: item.seg.speed === 1 ? samples : null,
  };
}

/** Readers for the clips of `items` (images keep an input each: a still is not decoded twice). */
export function planReaders(
  items: MainItem[],
  fps: number,
): { readers: Reader[]; readerOf: Map<number, number> } {
  const readers: Reader[] = [];
  const readerOf = new Map<number, number>();
  const frameMs = 1000 / fpsValue(fps);
  items.forEach((item, i) => {
    if (item.type !== "clip") return;
    let best = -1;
    let part: ReaderPart | null = null;
    if (item.media.kind !== "image") {
      readers.forEach((r, k) => {
        if (r.media.id !== item.media.id || lookOf(items[r.parts[0].item] as Clip) !== lookOf(item))
          return;
        const p = partOf(item, i, r.start, fps);
        // Cuts less than a frame apart would show one source frame on both sides: the
        // later clip starts one frame on instead (its sound too, so they stay together).
        if (p.first === r.endFrame - 1) p.first = r.endFrame;
        if (p.first < r.endFrame || (p.first - r.endFrame) * frameMs > MAX_SKIP_MS) return;
        if (best < 0 || r.endFrame > readers[best].endFrame) {
          best = k;
          part = p;
        }
      });
    }
    if (best < 0) {
      readers.push({ media: item.media, start: item.seg.in, endFrame: 0, parts: [] });
      best = readers.length - 1;
      part = partOf(item, i, item.seg.in, fps);
    }
    const r = readers[best];
    r.parts.push(part!);
    r.endFrame = part!.first + part!.frames;
    readerOf.set(i, best);
  });
  return { readers, readerOf };
}

/**
 * Where `segment` (frame numbers) and `asegment` (sample numbers, 48 kHz) cut a shared
 * reader, and what each output is: a clip's index, or null for source nobody uses (the
 * tail after the last clip included). Each clip's sound starts at the instant of its first
 * frame and holds exactly the samples of its place on the output grid: where 48 kHz is not
 * a whole number of samples per frame (29.97 fps), the source's grid and the output's
 * round differently, and a piece a sample short is not padded when the sound is rendered
 * without its picture (a chunked render's sound part).
 */
export function readerCuts(
  r: Reader,
  fps: number,
): { frames: number[]; samples: number[]; outputs: (number | null)[] } {
  const frames: number[] = [];
  const samples: number[] = [];
  const outputs: (number | null)[] = [];
  let cursor = 0;
  let sample = 0;
  for (const part of r.parts) {
    if (part.first > cursor) {
      outputs.push(null);
      frames.push(part.first);
      sample = Math.max(sample, sampleAt(part.first, fps));
      samples.push(sample);
    }
    outputs.push(part.item);
    frames.push(part.first + part.frames);
    // From the previous cut: the gap's end, or the clip before's end where they touch.
    sample += part.samples ?? sampleAt(part.first + part.frames, fps) - sampleAt(part.first, fps);
    samples.push(sample);
    cursor = part.first + part.frames;
  }
  outputs.push(null);
  return { frames, samples, outputs };
}
