"use client";

import { Button } from "@/components/ui/button";
import { RedoIcon, TrashIcon, UndoIcon, ZoomInIcon, ZoomOutIcon } from "@/components/ui/icons";
import { formatClock } from "@/lib/client/format";
import type { Op } from "@/lib/plan/schema";
import { useT } from "@/stores/locale";
import { useTimelineStore } from "@/stores/timeline";
import { CaptionsUpload } from "./captions-upload";
import { ShortcutsHelp } from "./shortcuts-help";
import { MIN_ZOOM } from "./timeline-constants";

/** The timeline's buttons: undo/redo, split, delete, captions file, zoom and the key list. */
export function TimelineToolbar({
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
}: {
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  busy: boolean;
  canEdit: boolean;
  empty: boolean;
  split: Op | null;
  toDelete: Op[];
  apply(ops: Op[]): void;
  zoom: number;
  maxZoom: number;
  setZoom(z: number): void;
  zoomBy(f: number): void;
  currentMs: number;
  duration: number;
}) {
  const t = useT();
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <h2 className="mr-1 text-sm font-semibold">{t("timeline.title")}</h2>
      <Button
        size="sm"
        variant="ghost"
        onClick={onUndo}
        disabled={!canUndo || busy}
        data-testid="undo"
        aria-label={t("timeline.undoLabel")}
        title={t("timeline.undoLabel")}
      >
        <UndoIcon className="h-3.5 w-3.5" /> {t("timeline.undo")}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={onRedo}
        disabled={!canRedo || busy}
        data-testid="redo"
        aria-label={t("timeline.redoLabel")}
        title={t("timeline.redoLabel")}
      >
        <RedoIcon className="h-3.5 w-3.5" /> {t("timeline.redo")}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => split && apply([split])}
        disabled={!split || !canEdit}
        data-testid="split"
        aria-label={t("timeline.splitLabel")}
        title={t("timeline.splitLabel")}
      >
        <span aria-hidden className="font-mono">
          ✂
        </span>{" "}
        {t("timeline.split")}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => {
          apply(toDelete);
          useTimelineStore.getState().clearSelection();
          useTimelineStore.getState().clearMarks();
        }}
        disabled={toDelete.length === 0 || !canEdit}
        data-testid="delete-selection"
        aria-label={t("timeline.deleteLabel")}
        title={t("timeline.deleteLabel")}
      >
        <TrashIcon className="h-3.5 w-3.5" /> {t("timeline.delete")}
      </Button>
      <CaptionsUpload disabled={busy || empty} />
      <span className="ml-auto 2xl:hidden" />
      <span
        className="ml-auto hidden text-xs tabular-nums text-zinc-600 2xl:inline dark:text-zinc-400"
        data-testid="timeline-duration"
      >
        {empty ? "" : `${formatClock(currentMs / 1000)} / ${formatClock(duration / 1000)}`}
      </span>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setZoom(1)}
        disabled={zoom === 1 || empty}
        data-testid="zoom-fit"
        aria-label={t("timeline.fitLabel")}
      >
        {t("timeline.fit")}
      </Button>
      <Button
        size="icon"
        variant="ghost"
        onClick={() => zoomBy(0.5)}
        disabled={zoom <= MIN_ZOOM || empty}
        aria-label={t("timeline.zoomOut")}
        data-testid="zoom-out"
      >
        <ZoomOutIcon className="h-3.5 w-3.5" />
      </Button>
      <Button
        size="icon"
        variant="ghost"
        onClick={() => zoomBy(2)}
        disabled={zoom >= maxZoom || empty}
        aria-label={t("timeline.zoomIn")}
        data-testid="zoom-in"
      >
        <ZoomInIcon className="h-3.5 w-3.5" />
      </Button>
      <ShortcutsHelp />
    </div>
  );
}
