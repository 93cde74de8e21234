"use client";

import { clsx } from "clsx";
import { formatClock } from "@/lib/client/format";
import { TRACK_AUDIO, TRACK_TEXT, TRACK_VIDEO, type TextSegment, type Track } from "@/lib/draft/schema";
import type { MediaItem } from "@/lib/media/schema";
import { Filmstrip } from "./filmstrip";
import { ROW_H } from "./timeline-constants";
import { Waveform } from "./waveform";

export type TrackKind = "video" | "audio" | "text";

export function trackKind(track: Track): TrackKind {
  return track.tt === TRACK_VIDEO ? "video" : track.tt === TRACK_AUDIO ? "audio" : "text";
}

export function trackLabel(track: Track): string {
  if (track.m.name) return track.m.name;
  if (track.tt === TRACK_VIDEO) return "Video";
  if (track.tt === TRACK_AUDIO) return track.m.role === "voice" ? "Voice" : "Music";
  return track.m.role === "captions" || track.sg.every((s) => s.kind === "caption") ? "Captions" : "Titles";
}

const span = (st: number, d: number) => `${formatClock(st / 1000)} to ${formatClock((st + d) / 1000)}`;

/** One track's segments, drawn to scale; a click seeks to the clicked time. */
export function TrackRow({ track, media, pxPerMs, onSeek }: { track: Track; media: Map<string, MediaItem>; pxPerMs: number; onSeek(ms: number): void }) {
  const kind = trackKind(track);
  const height = ROW_H[kind];

  function seekFrom(e: React.MouseEvent<HTMLButtonElement>, st: number) {
    // Keyboard "clicks" (detail 0) seek to the segment start; the mouse seeks where it points.
    if (e.detail === 0) return onSeek(st);
    const box = e.currentTarget.getBoundingClientRect();
    onSeek(st + Math.max(0, e.clientX - box.left) / pxPerMs);
  }

  return (
    <div data-testid="track" data-track-type={kind} className="relative border-b border-zinc-200/70 dark:border-zinc-800/70" style={{ height }}>
      {track.sg.map((seg) => {
        const left = seg.st * pxPerMs;
        const width = Math.max(2, seg.d * pxPerMs);
        const base = "absolute top-1 bottom-1 overflow-hidden rounded-md text-left focus-visible:z-10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand";
        if (track.tt === TRACK_TEXT) {
          const text = seg as TextSegment;
          const caption = text.kind === "caption";
          return (
            <button
              key={seg.id}
              type="button"
              data-testid="segment"
              data-kind={text.kind}
              title={text.text}
              aria-label={`${caption ? "Caption" : "Title"} "${text.text}", ${span(seg.st, seg.d)}`}
              onClick={(e) => seekFrom(e, seg.st)}
              className={clsx(
                base,
                "border px-1.5 text-[11px] leading-[22px]",
                caption
                  ? "border-sky-300 bg-sky-100 text-sky-950 dark:border-sky-700 dark:bg-sky-900/60 dark:text-sky-50"
                  : "border-fuchsia-300 bg-fuchsia-100 font-semibold text-fuchsia-950 dark:border-fuchsia-700 dark:bg-fuchsia-900/60 dark:text-fuchsia-50",
              )}
              style={{ left, width }}
            >
              <span className="block truncate">{text.text}</span>
            </button>
          );
        }
        const src = "src" in seg ? String(seg.src) : "";
        const item = media.get(src);
        const name = ("name" in seg && typeof seg.name === "string" ? seg.name : undefined) ?? item?.name ?? "clip";
        const inMs = "in" in seg && typeof seg.in === "number" ? seg.in : 0;
        const outMs = "out" in seg && typeof seg.out === "number" ? seg.out : inMs + seg.d;
        const aspect = item && item.width && item.height ? item.width / item.height : 16 / 9;
        const video = track.tt === TRACK_VIDEO;
        return (
          <button
            key={seg.id}
            type="button"
            data-testid="segment"
            data-src={src}
            aria-label={`${video ? "Clip" : "Audio"} ${name}, ${span(seg.st, seg.d)}`}
            title={`${name} (${span(seg.st, seg.d)})`}
            onClick={(e) => seekFrom(e, seg.st)}
            className={clsx(
              base,
              video
                ? "border border-indigo-400/70 bg-indigo-200 dark:border-indigo-500/60 dark:bg-indigo-950"
                : "border border-emerald-400/70 bg-emerald-100 text-emerald-600 dark:border-emerald-600/60 dark:bg-emerald-950 dark:text-emerald-400",
            )}
            style={{ left, width }}
          >
            {video && item?.filmstripUrl ? (
              <Filmstrip url={item.filmstripUrl} aspect={aspect} durationSec={item.duration} inMs={inMs} outMs={outMs} widthPx={width} heightPx={height - 8} />
            ) : null}
            {!video && item?.peaksUrl ? (
              <Waveform url={item.peaksUrl} durationSec={item.duration} inMs={inMs} outMs={outMs} bars={Math.round(width / 3)} className="absolute inset-x-0 top-1 h-[calc(100%-8px)] w-full" />
            ) : null}
            <span className={clsx("absolute left-1 top-0.5 max-w-[calc(100%-8px)] truncate rounded px-1 text-[10px] font-medium", video ? "bg-black/55 text-white" : "bg-white/70 text-emerald-900 dark:bg-black/50 dark:text-emerald-100")}>
              {name}
            </span>
          </button>
        );
      })}
    </div>
  );
}

