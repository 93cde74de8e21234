"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { formatClock } from "@/lib/client/format";
import { msFromX, tickLabel, tickStep, ticks } from "@/lib/client/timeline-math";
import { draftDuration, type Draft } from "@/lib/draft/schema";
import type { MediaItem } from "@/lib/media/schema";
import { Button } from "@/components/ui/button";
import { RedoIcon, UndoIcon, ZoomInIcon, ZoomOutIcon } from "@/components/ui/icons";
import { usePlayerStore } from "@/stores/player";
import { CaptionsUpload } from "./captions-upload";
import { LABEL_W, MAX_ZOOM, MIN_ZOOM, ROW_H, RULER_H } from "./timeline-constants";
import { trackKind, trackLabel, TrackRow } from "./track-row";

export function Timeline({
  draft,
  media,
  summary,
  canUndo,
  canRedo,
  onUndo,
  onRedo,
  onSeek,
  busy,
}: {
  draft: Draft | undefined;
  media: MediaItem[];
  summary: string;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onSeek(ms: number): void;
  busy: boolean;
}) {
  const currentMs = usePlayerStore((s) => s.currentMs);
  const [zoom, setZoom] = useState(1);
  const [width, setWidth] = useState(600);
  const scroller = useRef<HTMLDivElement>(null);
  const mediaById = useMemo(() => new Map(media.map((m) => [m.id, m])), [media]);
  const tracks = draft?.t ?? [];
  const duration = Math.max(draft ? draftDuration(draft.t) : 0, 1000);
  const empty = tracks.every((t) => t.sg.length === 0);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, [empty]);

  // Fit the whole timeline at zoom 1, leaving a little room after the end.
  const pxPerMs = ((Math.max(width, 200) - 16) / duration) * zoom;
  const contentW = Math.max(width, duration * pxPerMs + 16);
  const step = tickStep(pxPerMs);

  // Keep the playhead in view while playing on a zoomed timeline.
  useEffect(() => {
    const el = scroller.current;
    if (!el || zoom === 1) return;
    const x = currentMs * pxPerMs;
    if (x < el.scrollLeft || x > el.scrollLeft + el.clientWidth - 24) el.scrollLeft = Math.max(0, x - el.clientWidth / 3);
  }, [currentMs, pxPerMs, zoom]);

  return (
    <section aria-label="Timeline" data-testid="timeline" className="flex min-w-0 flex-col gap-2">
      <div className="flex flex-wrap items-center gap-1.5">
        <h2 className="mr-1 text-sm font-semibold">Timeline</h2>
        <Button size="sm" variant="ghost" onClick={onUndo} disabled={!canUndo || busy} data-testid="undo" aria-label="Undo (Ctrl+Z)" title="Undo (Ctrl/Cmd+Z)">
          <UndoIcon className="h-3.5 w-3.5" /> Undo
        </Button>
        <Button size="sm" variant="ghost" onClick={onRedo} disabled={!canRedo || busy} data-testid="redo" aria-label="Redo (Shift+Ctrl+Z)" title="Redo (Shift+Ctrl/Cmd+Z)">
          <RedoIcon className="h-3.5 w-3.5" /> Redo
        </Button>
        <CaptionsUpload disabled={busy || empty} />
        <span className="ml-auto text-xs tabular-nums text-zinc-500" data-testid="timeline-duration">
          {empty ? "" : `${formatClock(currentMs / 1000)} / ${formatClock(duration / 1000)}`}
        </span>
        <Button size="icon" variant="ghost" onClick={() => setZoom((z) => Math.max(MIN_ZOOM, z / 2))} disabled={zoom <= MIN_ZOOM || empty} aria-label="Zoom out">
          <ZoomOutIcon className="h-3.5 w-3.5" />
        </Button>
        <Button size="icon" variant="ghost" onClick={() => setZoom((z) => Math.min(MAX_ZOOM, z * 2))} disabled={zoom >= MAX_ZOOM || empty} aria-label="Zoom in">
          <ZoomInIcon className="h-3.5 w-3.5" />
        </Button>
      </div>
      <p className="sr-only" aria-live="polite" data-testid="timeline-summary">
        {summary}
      </p>
      {empty ? (
        <div className="flex min-h-24 items-center justify-center rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400" data-testid="timeline-empty">
          Timeline is empty: add a clip to start.
        </div>
      ) : (
        <div className="flex overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <div className="shrink-0 border-r border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/60" style={{ width: LABEL_W }} aria-hidden>
            <div style={{ height: RULER_H }} className="border-b border-zinc-200 dark:border-zinc-800" />
            {tracks.map((t, i) => (
              <div key={i} className="flex items-center border-b border-zinc-200/70 px-2 text-[11px] font-medium text-zinc-600 dark:border-zinc-800/70 dark:text-zinc-300" style={{ height: ROW_H[trackKind(t)] }}>
                <span className="truncate">{trackLabel(t)}</span>
              </div>
            ))}
          </div>
          <div ref={scroller} className="relative min-w-0 flex-1 overflow-x-auto overflow-y-hidden">
            <div className="relative" style={{ width: contentW }}>
              <div
                role="slider"
                tabIndex={0}
                aria-label="Playhead position"
                aria-valuemin={0}
                aria-valuemax={Math.round(duration / 1000)}
                aria-valuenow={Math.round(currentMs / 1000)}
                aria-valuetext={`${formatClock(currentMs / 1000)} of ${formatClock(duration / 1000)}`}
                data-testid="timeline-ruler"
                className="relative cursor-pointer select-none border-b border-zinc-200 text-[10px] text-zinc-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:border-zinc-800"
                style={{ height: RULER_H }}
                onClick={(e) => onSeek(msFromX(e.clientX - e.currentTarget.getBoundingClientRect().left, pxPerMs, duration))}
                onKeyDown={(e) => {
                  const jump = e.shiftKey ? 5000 : 1000;
                  if (e.key === "ArrowRight") onSeek(Math.min(duration, currentMs + jump));
                  else if (e.key === "ArrowLeft") onSeek(Math.max(0, currentMs - jump));
                  else if (e.key === "Home") onSeek(0);
                  else if (e.key === "End") onSeek(duration);
                  else return;
                  e.preventDefault();
                }}
              >
                {ticks(duration, pxPerMs).map((t) => (
                  <span key={t} className="absolute top-0 h-full border-l border-zinc-300 pl-1 leading-6 dark:border-zinc-700" style={{ left: t * pxPerMs }}>
                    {tickLabel(t, step)}
                  </span>
                ))}
              </div>
              {tracks.map((t, i) => (
                <TrackRow key={i} track={t} media={mediaById} pxPerMs={pxPerMs} onSeek={(ms) => onSeek(Math.round(ms))} />
              ))}
              <div data-testid="playhead" aria-hidden className="pointer-events-none absolute bottom-0 top-0 z-20 w-0.5 bg-red-500" style={{ left: currentMs * pxPerMs }}>
                <span className="absolute -left-[5px] top-0 h-3 w-3 rounded-sm bg-red-500" />
              </div>
            </div>
          </div>
        </div>
      )}
      {!empty ? (
        <details className="text-xs text-zinc-500 dark:text-zinc-400">
          <summary className="cursor-pointer select-none rounded hover:text-zinc-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:hover:text-zinc-200">Show tracks as text</summary>
          <p className="mt-1" data-testid="timeline-summary-text">
            {summary}
          </p>
        </details>
      ) : null}
    </section>
  );
}
