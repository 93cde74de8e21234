import type { MainItem } from "./layout-timeline";

// Every item's picture and sound are cut on the output's frame grid, counted from the
// start of the timeline: an item from `st` to `st + d` ms gets the frames whose start
// falls in it. Rounding each item's own length up to whole frames instead (what trim by
// duration does) moved every later cut by up to a frame: after 1,000 cuts the picture
// ran ~15 s behind the captions and the end of the timeline was cut off.

export const SAMPLE_RATE = 48000;

/** Frames per second as a number (29.97 is 30000/1001 exactly). */
export function fpsValue(fps: number): number {
  const ntsc = [23.976, 29.97, 59.94].find((f) => Math.abs(f - fps) < 0.01);
  return ntsc ? (Math.round(ntsc * 1.001) * 1000) / 1001 : fps;
}

/** Index of the first frame that starts at or after `ms`. */
export const frameAt = (ms: number, fps: number) => Math.ceil((ms * fpsValue(fps)) / 1000 - 1e-6);

/** Sound samples before frame `frame` (48 kHz). */
export const sampleAt = (frame: number, fps: number) =>
  Math.round((frame * SAMPLE_RATE) / fpsValue(fps));

/** Frames and samples of one item on the grid. */
export function itemLength(
  item: Pick<MainItem, "st" | "d">,
  fps: number,
): { frames: number; samples: number } {
  const a = frameAt(item.st, fps);
  const b = frameAt(item.st + item.d, fps);
  return { frames: b - a, samples: sampleAt(b, fps) - sampleAt(a, fps) };
}
