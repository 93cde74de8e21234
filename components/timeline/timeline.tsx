"use client";

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { formatClock } from "@/lib/client/format";
import { maxZoomFor, type SnapWord } from "@/lib/client/timeline-edit";
import { mainVideoSegments, msFromX, tickLabel, tickStep } from "@/lib/client/timeline-math";
import { draftDuration, type Draft, type Segment, type TextSegment } from "@/lib/draft/schema";
import type { MediaItem } from "@/lib/media/schema";
import type { Op } from "@/lib/plan/schema";
import { deleteOps, splitOp, useTimelineKeys } from "@/hooks/use-timeline-keys";
import { usePlayerStore } from "@/stores/player";
import { useTimelineStore } from "@/stores/timeline";
import { DragReadout } from "./drag-readout";
import { LABEL_W, MAX_ZOOM, MIN_ZOOM, ROW_H, RULER_H } from "./timeline-constants";
import { TimelineToolbar } from "./timeline-toolbar";
import { TitleEditor } from "./title-editor";
import { trackKind, trackLabelKey, TrackRow } from "./track-row";
import { useT } from "@/stores/locale";
import { useSegmentDrag } from "./use-segment-drag";

/** Extra time drawn on each side of the visible window, so a quick scroll shows no blanks. */
const OVERSCAN_PX = 400;

export function Timeline({
  draft,
  media,
  summary,
  canUndo,
  canRedo,
  onUndo,
  onRedo,
  onSeek,
  onOps,
  busy,
  words,
}: {
  draft: Draft | undefined;
  media: MediaItem[];
  summary: string;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onSeek(ms: number): void;
  /** Apply gesture ops through the same path as the chat's edits. */
  onOps?(ops: Op[]): void;
  busy: boolean;
  /** The transcript's words: dragged edges snap to their boundaries too. */
  words?: readonly SnapWord[];
}) {
  const t = useT();
  const currentMs = usePlayerStore((s) => s.currentMs);
  const { selected, markIn, markOut } = useTimelineStore();
  const [zoom, setZoom] = useState(1);
  const [width, setWidth] = useState(600);
  const [scrollLeft, setScrollLeft] = useState(0);
  const [editing, setEditing] = useState<TextSegment | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const mediaById = useMemo(() => new Map(media.map((m) => [m.id, m])), [media]);
  const tracks = useMemo(() => draft?.t ?? [], [draft]);
  const duration = Math.max(draft ? draftDuration(draft.t) : 0, 1000);
  const empty = tracks.every((t) => t.sg.length === 0);
  const mainIndex = tracks.findIndex((t) => t.tt === 0);
  const apply = useCallback((ops: Op[]) => onOps?.(ops), [onOps]);
  const canEdit = !busy && !!onOps;

  useTimelineKeys({ draft, apply, canEdit });

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, [empty]);

  // Zoom 1 fits the whole timeline, leaving a little room after the end; the most zoom
  // is what an hour needs to show single frames' worth of seconds.
  const maxZoom = maxZoomFor(duration, width, MAX_ZOOM);
  const pxPerMs = ((Math.max(width, 200) - 16) / duration) * zoom;
  const contentW = Math.max(width, duration * pxPerMs + 16);
  const step = tickStep(pxPerMs);
  const viewFrom = Math.max(0, (scrollLeft - OVERSCAN_PX) / pxPerMs);
  const viewTo = (scrollLeft + width + OVERSCAN_PX) / pxPerMs;

  // Zooming keeps the playhead where it was on screen.
  const lastPx = useRef(pxPerMs);
  useLayoutEffect(() => {
    const el = scroller.current;
    const before = lastPx.current;
    lastPx.current = pxPerMs;
    if (!el || before === pxPerMs) return;
    const at = usePlayerStore.getState().currentMs;
    el.scrollLeft = Math.max(0, at * pxPerMs - (at * before - el.scrollLeft));
    setScrollLeft(el.scrollLeft);
  }, [pxPerMs]);

  // Keep the playhead in view (playing, stepping, jumping) on a zoomed timeline.
  useEffect(() => {
    const el = scroller.current;
    if (!el || zoom === 1) return;
    const x = currentMs * pxPerMs;
    if (x < el.scrollLeft || x > el.scrollLeft + el.clientWidth - 24)
      el.scrollLeft = Math.max(0, x - el.clientWidth / 3);
  }, [currentMs, pxPerMs, zoom]);

  const frame = useRef(0);
  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollLeft(scroller.current?.scrollLeft ?? 0));
  };

  const { drag, press } = useSegmentDrag(
    draft,
    mediaById,
    pxPerMs,
    {
      onClick(seg, atMs, shift) {
        useTimelineStore.getState().select(seg.id, shift);
        if (!shift) onSeek(Math.round(atMs));
      },
      onOps(ops) {
        if (canEdit) apply(ops);
      },
    },
    words,
  );
  const activate = useCallback(
    (seg: Segment, shift: boolean) => {
      useTimelineStore.getState().select(seg.id, shift);
      onSeek(seg.st);
    },
    [onSeek],
  );

  const zoomBy = (f: number) => setZoom((z) => Math.min(maxZoom, Math.max(MIN_ZOOM, z * f)));
  const split = draft ? splitOp(draft, currentMs) : null;
  const toDelete = draft ? deleteOps(draft, selected, markIn, markOut) : [];
  const rulerTicks: number[] = [];
  for (let ms = Math.floor(viewFrom / step) * step; ms <= Math.min(duration, viewTo); ms += step)
    rulerTicks.push(ms);
  const rowTop = (index: number) =>
    RULER_H + tracks.slice(0, index).reduce((sum, tr) => sum + ROW_H[trackKind(tr)], 0);
  const editingTrack = editing
    ? tracks.findIndex((tr) => tr.sg.some((s) => s.id === editing.id))
    : -1;

  return (
    <section
      aria-label={t("timeline.title")}
      data-testid="timeline"
      data-zoom={zoom}
      className="flex min-w-0 flex-col gap-2"
    >
      <TimelineToolbar
        {...{
          canUndo,
          canRedo,
          onUndo,
          onRedo,
          busy,
          canEdit,
          empty,
          split,
          toDelete,
          apply,
          zoom,
          maxZoom,
          setZoom,
          zoomBy,
          currentMs,
          duration,
        }}
      />
      <p className="sr-only" aria-live="polite" data-testid="timeline-summary">
        {summary}
      </p>
      {empty ? (
        <div
          className="flex min-h-24 items-center justify-center rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
          data-testid="timeline-empty"
        >
          {t("timeline.empty")}
        </div>
      ) : (
        <div className="flex overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <div
            className="shrink-0 border-r border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/60"
            style={{ width: LABEL_W }}
            aria-hidden
          >
            <div
              style={{ height: RULER_H }}
              className="border-b border-zinc-200 dark:border-zinc-800"
            />
            {tracks.map((tr, i) => (
              <div
                key={i}
                className="flex items-center border-b border-zinc-200/70 px-2 text-[11px] font-medium text-zinc-700 dark:border-zinc-800/70 dark:text-zinc-300"
                style={{ height: ROW_H[trackKind(tr)] }}
              >
                <span
                  className="truncate"
                  title={
                    tr.m.engine ? t("transcript.captionsBy", { engine: tr.m.engine }) : undefined
                  }
                >
                  {trackLabelKey(tr) ? t(trackLabelKey(tr)!) : tr.m.name}
                </span>
              </div>
            ))}
          </div>
          <div
            ref={scroller}
            onScroll={onScroll}
            data-testid="timeline-scroller"
            className="relative min-w-0 flex-1 overflow-x-auto overflow-y-hidden"
          >
            <div className="relative" style={{ width: contentW }}>
              <div
                role="slider"
                tabIndex={0}
                aria-label={t("timeline.playhead")}
                aria-valuemin={0}
                aria-valuemax={Math.round(duration / 1000)}
                aria-valuenow={Math.round(currentMs / 1000)}
                aria-valuetext={t("timeline.of", {
                  a: formatClock(currentMs / 1000),
                  b: formatClock(duration / 1000),
                })}
                data-testid="timeline-ruler"
                className="relative cursor-pointer select-none border-b border-zinc-200 text-[10px] text-zinc-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:border-zinc-800 dark:text-zinc-400"
                style={{ height: RULER_H }}
                onPointerDown={(e) =>
                  onSeek(
                    msFromX(
                      e.clientX - e.currentTarget.getBoundingClientRect().left,
                      pxPerMs,
                      duration,
                    ),
                  )
                }
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
                {markIn !== null || markOut !== null ? (
                  <span
                    data-testid="marked-range"
                    aria-hidden
                    className="absolute inset-y-0 bg-amber-300/50 dark:bg-amber-500/40"
                    style={{
                      left: Math.min(markIn ?? markOut!, markOut ?? markIn!) * pxPerMs,
                      width: Math.max(
                        2,
                        Math.abs((markOut ?? markIn!) - (markIn ?? markOut!)) * pxPerMs,
                      ),
                    }}
                  />
                ) : null}
                {rulerTicks.map((ms) => (
                  <span
                    key={ms}
                    className="absolute top-0 h-full border-l border-zinc-300 pl-1 leading-6 dark:border-zinc-700"
                    style={{ left: ms * pxPerMs }}
                  >
                    {tickLabel(ms, step)}
                  </span>
                ))}
              </div>
              {tracks.map((tr, i) => (
                <TrackRow
                  key={i}
                  track={tr}
                  main={i === mainIndex}
                  media={mediaById}
                  pxPerMs={pxPerMs}
                  viewFrom={viewFrom}
                  viewTo={viewTo}
                  selected={selected}
                  drag={drag && tr.sg.some((s) => s.id === drag.id) ? drag : null}
                  onPress={press}
                  onActivate={activate}
                  onEditTitle={setEditing}
                />
              ))}
              {drag?.kind === "move-clip" && drag.gap !== undefined && draft ? (
                <GapMarker draft={draft} movingId={drag.id} gap={drag.gap} pxPerMs={pxPerMs} />
              ) : null}
              {drag?.snapTo !== null && drag?.snapTo !== undefined ? (
                <div
                  aria-hidden
                  data-testid="snap-guide"
                  className="pointer-events-none absolute bottom-0 top-0 z-30 w-px bg-amber-500"
                  style={{ left: drag.snapTo * pxPerMs }}
                />
              ) : null}
              {drag && draft ? <DragReadout draft={draft} drag={drag} pxPerMs={pxPerMs} /> : null}
              {editing && editingTrack >= 0 ? (
                <TitleEditor
                  key={editing.id}
                  seg={editing}
                  left={editing.st * pxPerMs}
                  top={rowTop(editingTrack) + 2}
                  width={editing.d * pxPerMs}
                  onSave={(text) => {
                    setEditing(null);
                    apply([{ op: "edit_text", id: editing.id, text }]);
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : null}
              <div
                data-testid="playhead"
                aria-hidden
                className="pointer-events-none absolute bottom-0 top-0 z-20 w-0.5 bg-red-600"
                style={{ left: currentMs * pxPerMs }}
              >
                <span className="absolute -left-[5px] top-0 h-3 w-3 rounded-sm bg-red-600" />
              </div>
            </div>
          </div>
        </div>
      )}
      {!empty ? (
        <details className="text-xs text-zinc-600 dark:text-zinc-400">
          <summary className="cursor-pointer select-none rounded hover:text-zinc-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:hover:text-zinc-200">
            {t("timeline.asText")}
          </summary>
          <p className="mt-1" data-testid="timeline-summary-text">
            {summary}
          </p>
        </details>
      ) : null}
    </section>
  );
}

/** Where a dragged clip would land: a bar in the gap between two clips. */
function GapMarker({
  draft,
  movingId,
  gap,
  pxPerMs,
}: {
  draft: Draft;
  movingId: string;
  gap: number;
  pxPerMs: number;
}) {
  const others = mainVideoSegments(draft).filter((c) => c.id !== movingId);
  const at = gap >= others.length ? draft.d : others[gap].st;
  return (
    <div
      aria-hidden
      data-testid="drop-marker"
      className="pointer-events-none absolute z-30 w-1 rounded bg-amber-500"
      style={{ left: at * pxPerMs - 2, top: RULER_H, height: ROW_H.video }}
    />
  );
}
