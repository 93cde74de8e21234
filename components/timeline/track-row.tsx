"use client";

import { clsx } from "clsx";
import { memo } from "react";
import { formatClock } from "@/lib/client/format";
import { clipAt, groupSlivers, visibleRange } from "@/lib/client/timeline-edit";
import {
  TRACK_AUDIO,
  TRACK_TEXT,
  TRACK_VIDEO,
  type Segment,
  type TextSegment,
  type Track,
} from "@/lib/draft/schema";
import type { MediaItem } from "@/lib/media/schema";
import type { Edge } from "@/lib/client/timeline-edit";
import type { StringKey } from "@/lib/i18n/en";
import { useT } from "@/stores/locale";
import { Filmstrip } from "./filmstrip";
import { ROW_H } from "./timeline-constants";
import type { DragKind, DragState } from "./use-segment-drag";
import { Waveform } from "./waveform";

export type TrackKind = "video" | "audio" | "text";

export function trackKind(track: Track): TrackKind {
  return track.tt === TRACK_VIDEO ? "video" : track.tt === TRACK_AUDIO ? "audio" : "text";
}

/** The track's label in the interface language: by its role, else the name it was given. */
export function trackLabelKey(track: Track): StringKey | null {
  if (track.tt === TRACK_VIDEO)
    return track.m.role === "main" || !track.m.name ? "track.video" : null;
  if (track.tt === TRACK_AUDIO)
    return track.m.role === "voice"
      ? "track.voice"
      : track.m.role === "music" || !track.m.name
        ? "track.music"
        : null;
  if (track.m.role === "captions" || (!track.m.name && track.sg.every((s) => s.kind === "caption")))
    return "track.captions";
  return track.m.role === "titles" || !track.m.name ? "track.titles" : null;
}

const times = (st: number, d: number) => ({
  from: formatClock(st / 1000),
  to: formatClock((st + d) / 1000),
});

export interface TrackRowProps {
  track: Track;
  /** Whether this is the main video track (its clips can be trimmed, moved, deleted). */
  main: boolean;
  media: Map<string, MediaItem>;
  pxPerMs: number;
  /** The visible window (ms): only segments inside it are drawn. */
  viewFrom: number;
  viewTo: number;
  selected: string[];
  drag: DragState | null;
  onPress(e: React.PointerEvent, seg: Segment, kind: DragKind, edge?: Edge): void;
  /** Keyboard activation (Enter/Space on a focused block): select it and seek to its start. */
  onActivate(seg: Segment, shift: boolean): void;
  onEditTitle(seg: TextSegment): void;
}

/** Below this width (px) a segment is drawn as a bare sliver. */
const TINY_PX = 6;
const TINY_CLASS: Record<TrackKind, string> = {
  video: "border-r border-indigo-50 bg-indigo-300 dark:border-zinc-900 dark:bg-indigo-800",
  audio: "border-r border-emerald-50 bg-emerald-300 dark:border-zinc-900 dark:bg-emerald-800",
  text: "border-r border-sky-50 bg-sky-300 dark:border-zinc-900 dark:bg-sky-800",
};

// A run of slivers: stripes hint that it is many clips.
const RUN_CLASS: Record<TrackKind, string> = {
  video:
    "bg-indigo-300 bg-[linear-gradient(90deg,transparent_50%,rgba(255,255,255,0.35)_50%)] dark:bg-indigo-800",
  audio:
    "bg-emerald-300 bg-[linear-gradient(90deg,transparent_50%,rgba(255,255,255,0.35)_50%)] dark:bg-emerald-800",
  text: "bg-sky-300 bg-[linear-gradient(90deg,transparent_50%,rgba(255,255,255,0.35)_50%)] dark:bg-sky-800",
};

const HANDLE =
  "absolute inset-y-0 z-10 w-2 cursor-ew-resize bg-white/0 hover:bg-white/60 data-[active=true]:bg-amber-300";

/** One track's visible segments, drawn to scale, each with edge handles for dragging. */
export const TrackRow = memo(function TrackRow({
  track,
  main,
  media,
  pxPerMs,
  viewFrom,
  viewTo,
  selected,
  drag,
  onPress,
  onActivate,
  onEditTitle,
}: TrackRowProps) {
  const t = useT();
  const kind = trackKind(track);
  const height = ROW_H[kind];
  const [first, last] = visibleRange(track.sg, viewFrom, viewTo);
  const editable = main || track.tt === TRACK_TEXT;
  const moveKindOf: DragKind = track.tt === TRACK_TEXT ? "text-move" : "move-clip";
  return (
    <div
      data-testid="track"
      data-track-type={kind}
      data-count={track.sg.length}
      className="relative border-b border-zinc-200/70 dark:border-zinc-800/70"
      style={{ height }}
    >
      {groupSlivers<Segment>(
        track.sg as readonly Segment[],
        first,
        last,
        pxPerMs,
        TINY_PX,
        selected,
        drag?.id,
      ).map((entry) => {
        if (entry.kind === "run") {
          // Neighbouring slivers as one element: zoomed out over 1,000 clips, the screen
          // has room for ~250 of these instead of 1,000 elements. A press finds its clip.
          const { from, to } = entry;
          return (
            <div
              key={`run-${track.sg[from].id}`}
              data-testid="segment-run"
              data-count={to - from}
              aria-hidden
              onPointerDown={(e) => {
                const box = e.currentTarget.getBoundingClientRect();
                const ms = track.sg[from].st + (e.clientX - box.left) / pxPerMs;
                onPress(e, track.sg[clipAt(track.sg, from, to, ms)], moveKindOf);
              }}
              className={clsx("absolute bottom-1 top-1", RUN_CLASS[kind])}
              style={{
                left: entry.left,
                width: entry.width,
                backgroundSize: `${Math.max(2, (entry.width / (to - from)) * 2)}px 100%`,
              }}
            />
          );
        }
        const seg = entry.seg;
        const mine = drag && drag.id === seg.id ? drag : null;
        let st = seg.st;
        let d = seg.d;
        if (mine?.kind === "edge" || mine?.kind === "text-edge") {
          if (mine.edge === "left") [st, d] = [seg.st + mine.delta, seg.d - mine.delta];
          else d = seg.d + mine.delta;
        } else if (mine) st = seg.st + mine.delta;
        const left = st * pxPerMs;
        const width = Math.max(2, d * pxPerMs);
        const isSel = selected.includes(seg.id);
        const handles = editable && width >= 14;
        const edgeKind: DragKind = track.tt === TRACK_TEXT ? "text-edge" : "edge";
        const moveKind: DragKind | null =
          track.tt === TRACK_TEXT ? "text-move" : main ? "move-clip" : null;
        const base = clsx(
          "absolute top-1 bottom-1 touch-none overflow-hidden rounded-md text-left focus-visible:z-10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand",
          isSel &&
            "ring-2 ring-amber-500 ring-offset-1 dark:ring-amber-400 dark:ring-offset-zinc-900",
          mine && "z-20 opacity-90 shadow-lg",
        );
        const common = {
          "data-seg-id": seg.id,
          "data-testid": "segment",
          "aria-pressed": isSel,
          style: { left, width },
          onPointerDown: (e: React.PointerEvent) =>
            moveKind ? onPress(e, seg, moveKind) : onPress(e, seg, "move-clip"),
          onKeyDown: (e: React.KeyboardEvent) => {
            if (e.key === "Enter" || e.key === " ") {
              e.preventDefault();
              onActivate(seg, e.shiftKey);
            }
          },
        };
        const edgeHandles = handles ? (
          <>
            <span
              aria-hidden
              data-handle="left"
              data-active={mine?.edge === "left"}
              className={clsx(HANDLE, "left-0 rounded-l-md")}
              onPointerDown={(e) => onPress(e, seg, edgeKind, "left")}
            />
            <span
              aria-hidden
              data-handle="right"
              data-active={mine?.edge === "right"}
              className={clsx(HANDLE, "right-0 rounded-r-md")}
              onPointerDown={(e) => onPress(e, seg, edgeKind, "right")}
            />
          </>
        ) : null;
        if (width < TINY_PX) {
          // Zoomed out over hundreds of clips each is a sliver: one plain element, no
          // thumbnails or label, so fitting 1,000 clips stays quick. The mouse still
          // selects and seeks; keyboard users zoom in to reach each one as a button.
          return (
            <div
              key={seg.id}
              data-seg-id={seg.id}
              data-testid="segment"
              data-tiny
              aria-hidden
              onPointerDown={common.onPointerDown}
              className={clsx(
                "absolute bottom-1 top-1",
                TINY_CLASS[kind],
                isSel && "bg-amber-400 dark:bg-amber-400",
              )}
              style={{ left, width }}
            />
          );
        }
        if (track.tt === TRACK_TEXT) {
          const text = seg as TextSegment;
          const caption = text.kind === "caption";
          return (
            <button
              key={seg.id}
              type="button"
              {...common}
              data-kind={text.kind}
              title={caption ? text.text : `${text.text} (${t("seg.editHint")})`}
              aria-label={t(caption ? "seg.caption" : "seg.title", {
                text: text.text,
                ...times(seg.st, seg.d),
              })}
              onDoubleClick={() => !caption && onEditTitle(text)}
              className={clsx(
                base,
                "cursor-grab border px-1.5 text-[11px] leading-[22px]",
                caption
                  ? "border-sky-300 bg-sky-100 text-sky-950 dark:border-sky-700 dark:bg-sky-900/60 dark:text-sky-50"
                  : "border-fuchsia-300 bg-fuchsia-100 font-semibold text-fuchsia-950 dark:border-fuchsia-700 dark:bg-fuchsia-900/60 dark:text-fuchsia-50",
              )}
            >
              <span className="pointer-events-none block truncate">{text.text}</span>
              {edgeHandles}
            </button>
          );
        }
        const src = "src" in seg ? String(seg.src) : "";
        const item = media.get(src);
        const name =
          ("name" in seg && typeof seg.name === "string" ? seg.name : undefined) ??
          item?.name ??
          "clip";
        const inMs = "in" in seg && typeof seg.in === "number" ? seg.in : 0;
        const speed = "speed" in seg && typeof seg.speed === "number" ? seg.speed : 1;
        const outMs = "out" in seg && typeof seg.out === "number" ? seg.out : inMs + seg.d;
        const aspect = item && item.width && item.height ? item.width / item.height : 16 / 9;
        const video = track.tt === TRACK_VIDEO;
        // Thumbnails and waveform only for the part on screen.
        const visA = Math.max(0, viewFrom - st) * pxPerMs;
        const visB = Math.min(d, viewTo - st) * pxPerMs;
        const shownIn = mine?.edge === "left" ? inMs + mine.delta * speed : inMs;
        const shownOut = mine?.edge === "right" ? outMs + mine.delta * speed : outMs;
        return (
          <button
            key={seg.id}
            type="button"
            {...common}
            data-src={src}
            aria-label={t(video ? "seg.clip" : "seg.audio", { name, ...times(seg.st, seg.d) })}
            title={`${name} (${times(seg.st, seg.d).from} - ${times(seg.st, seg.d).to})`}
            className={clsx(
              base,
              main ? "cursor-grab" : "cursor-pointer",
              video
                ? "border border-indigo-400/70 bg-indigo-200 dark:border-indigo-500/60 dark:bg-indigo-950"
                : "border border-emerald-400/70 bg-emerald-100 text-emerald-700 dark:border-emerald-600/60 dark:bg-emerald-950 dark:text-emerald-400",
            )}
          >
            {video && item?.filmstripUrl ? (
              <Filmstrip
                url={item.filmstripUrl}
                aspect={aspect}
                durationSec={item.duration}
                inMs={shownIn}
                outMs={shownOut}
                widthPx={width}
                heightPx={height - 8}
                fromPx={visA}
                toPx={visB}
              />
            ) : null}
            {!video && item?.peaksUrl && visB > visA ? (
              <Waveform
                url={item.peaksUrl}
                durationSec={item.duration}
                inMs={shownIn + (visA / width) * (shownOut - shownIn)}
                outMs={shownIn + (visB / width) * (shownOut - shownIn)}
                bars={Math.round((visB - visA) / 3)}
                className="absolute top-1 h-[calc(100%-8px)]"
                style={{ left: visA, width: visB - visA }}
              />
            ) : null}
            <span
              className={clsx(
                "pointer-events-none absolute left-1 top-0.5 max-w-[calc(100%-8px)] truncate rounded px-1 text-[10px] font-medium",
                video
                  ? "bg-black/60 text-white"
                  : "bg-white/80 text-emerald-900 dark:bg-black/60 dark:text-emerald-100",
              )}
            >
              {name}
            </span>
            {edgeHandles}
          </button>
        );
      })}
    </div>
  );
});
