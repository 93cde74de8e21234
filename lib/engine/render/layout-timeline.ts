import { AppError } from "@/lib/errors";
import {
  draftDuration,
  type AudioSegment,
  type Draft,
  type Fit,
  type TextTrack,
  type VideoSegment,
} from "@/lib/draft/schema";
import {
  audioTracks,
  durationMs,
  segmentsOf,
  textTracks,
  tracksOf,
  videoTracks,
} from "@/lib/draft/tracks";
import type { MediaRecord } from "../media/types";

// The draft as the renderer walks it: the main video track as back-to-back items
// (clips, with black filler for gaps so the picture never jumps), the music/voice
// segments, and the text tracks. Everything the builders need, checked once.

export type RenderMedia = Pick<MediaRecord, "id" | "kind" | "name" | "path" | "probe">;

export type MainItem =
  | {
      type: "clip";
      seg: VideoSegment;
      media: RenderMedia;
      st: number;
      d: number;
      transition: number;
    }
  | { type: "gap"; st: number; d: number };

export interface RenderLayout {
  items: MainItem[];
  sounds: { seg: AudioSegment; media: RenderMedia; muted: boolean }[];
  textTracks: TextTrack[];
  /** Output length, ms. */
  total: number;
  /** How sources of another shape fill the frame. */
  fit: Fit;
}

export function layoutTimeline(draft: Draft, media: Record<string, RenderMedia>): RenderLayout {
  const total = Math.max(durationMs(draft), draftDuration(tracksOf(draft)));
  if (total <= 0)
    throw new AppError("validation", "The timeline is empty: add a clip before exporting.");

  const pictures = videoTracks(draft).filter((t) => segmentsOf(t).length > 0);
  if (pictures.length > 1) {
    throw new AppError(
      "validation",
      "This timeline has more than one video track (picture-in-picture), which the local renderer cannot draw yet. Put all clips on one track, then export again.",
    );
  }
  const find = (id: string, name?: string): RenderMedia => {
    const m = media[id];
    if (!m)
      throw new AppError(
        "validation",
        `The clip "${name ?? id}" is no longer in this project. Remove it from the timeline or upload it again, then export.`,
      );
    return m;
  };

  const items: MainItem[] = [];
  let cursor = 0;
  const main = pictures[0];
  const muted = Boolean(main?.m.muted);
  for (const seg of [...(main ? segmentsOf(main) : [])].sort((a, b) => a.st - b.st)) {
    if (seg.d <= 0) continue;
    if (seg.st > cursor) {
      items.push({ type: "gap", st: cursor, d: seg.st - cursor });
      cursor = seg.st;
    }
    const prev = items.at(-1);
    // A crossfade needs a clip on each side, and cannot be longer than either.
    const transition =
      prev?.type === "clip" && seg.transitionIn > 0 ? Math.min(seg.transitionIn, seg.d, prev.d) : 0;
    const m = find(seg.src, seg.name);
    items.push({
      type: "clip",
      seg: muted ? { ...seg, volume: 0 } : seg,
      media: m,
      st: Math.min(seg.st, cursor),
      d: seg.d,
      transition,
    });
    cursor = Math.max(cursor, seg.st + seg.d);
  }
  if (cursor < total) items.push({ type: "gap", st: cursor, d: total - cursor });

  const sounds: RenderLayout["sounds"] = [];
  for (const track of audioTracks(draft)) {
    for (const seg of segmentsOf(track)) {
      if (seg.d <= 0 || seg.st >= total) continue;
      sounds.push({
        seg,
        media: find(seg.src, seg.name),
        muted: Boolean(track.m.muted) || seg.volume === 0,
      });
    }
  }
  const texts = textTracks(draft).filter((t) => segmentsOf(t).length > 0);
  return {
    items,
    sounds: sounds.filter((s) => !s.muted),
    textTracks: texts,
    total,
    fit: draft.m.fit,
  };
}
