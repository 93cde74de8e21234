import { usesCrossfades } from "./build-render-args";
import { frameAt, fpsValue, itemLength } from "./frame-grid";
import type { RenderLayout } from "./layout-timeline";

// Where a long export is cut into chunks that render on their own and join by stream
// copy. A chunk is a run of whole items, so no clip's fades or speed ramp is split. With
// crossfades on the timeline, a chunk may only start at a hard cut that falls exactly on
// a frame (st * fps / 1000 whole), never inside a crossfade: there the whole render's
// chain is cut to that length anyway, so each side renders the same frames alone.

export interface ChunkSpec {
  /** Items [first, end) of the layout. */
  first: number;
  end: number;
  /** Frames of the timeline before the chunk. */
  startFrame: number;
  /** Frames in the chunk. */
  frames: number;
}

export function planChunks(layout: RenderLayout, fps: number, chunkMs: number): ChunkSpec[] {
  const crossfade = usesCrossfades(layout);
  const totalFrames = frameAt(layout.total, fps);
  const chunkFrames = Math.max(1, Math.round((chunkMs / 1000) * fpsValue(fps)));
  const starts: { item: number; frame: number }[] = [{ item: 0, frame: 0 }];
  let frame = 0;
  layout.items.forEach((item, i) => {
    if (
      i > 0 &&
      frame - starts.at(-1)!.frame >= chunkFrames &&
      frame < totalFrames &&
      canStartAt(layout, i, fps, crossfade)
    ) {
      starts.push({ item: i, frame: crossfade ? frameAt(item.st, fps) : frame });
    }
    frame += itemLength(item, fps).frames;
  });
  return starts.map((s, k) => {
    const next = starts[k + 1];
    return {
      first: s.item,
      end: next?.item ?? layout.items.length,
      startFrame: s.frame,
      frames: (next?.frame ?? totalFrames) - s.frame,
    };
  });
}

function canStartAt(layout: RenderLayout, i: number, fps: number, crossfade: boolean): boolean {
  if (!crossfade) return true;
  const item = layout.items[i];
  const prev = layout.items[i - 1];
  if (item.type === "clip" && item.transition > 0) return false;
  if (item.st !== prev.st + prev.d) return false;
  const f = (item.st * fpsValue(fps)) / 1000;
  return Math.abs(f - Math.round(f)) < 1e-6;
}
