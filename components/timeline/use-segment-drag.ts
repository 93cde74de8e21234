"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  clampEdgeDelta,
  dropIndex,
  edgeOp,
  reorderOp,
  snap,
  snapTargets,
  wordSnapTargets,
  type Edge,
  type SnapWord,
} from "@/lib/client/timeline-edit";
import { mainVideoSegments } from "@/lib/client/timeline-math";
import type { Draft, Segment, VideoSegment } from "@/lib/draft/schema";
import type { MediaItem } from "@/lib/media/schema";
import type { Op } from "@/lib/plan/schema";
import { usePlayerStore } from "@/stores/player";

// Pointer gestures on timeline segments. A press starts nothing until the pointer moves
// a few pixels (so a click stays a click); the drag is drawn from local state on every
// move, and only the drop sends one op.

/** Pixels within which an edge snaps to the playhead, a cut, a caption or a word boundary. */
const SNAP_PX = 8;
const CLICK_SLOP_PX = 4;

export type DragKind = "edge" | "move-clip" | "text-move" | "text-edge";

export interface DragState {
  kind: DragKind;
  id: string;
  edge?: Edge;
  /** Output-time offset of the dragged edge or block (ms), after clamping and snapping. */
  delta: number;
  /** The time it snapped to, drawn as a guide line; null when free. */
  snapTo: number | null;
  /** For a clip being moved: the gap it would drop into. */
  gap?: number;
}

interface Pressed {
  kind: DragKind;
  seg: Segment;
  edge?: Edge;
  x: number;
  started: boolean;
}

export interface DragHandlers {
  /** A press that did not move: select (Shift adds) and seek. */
  onClick(seg: Segment, atMs: number, shift: boolean): void;
  onOps(ops: Op[]): void;
}

const ms1 = (ms: number) => Math.round(ms) / 1000;

/** The op a finished drag stands for (null when it moved nothing). */
export function dropOp(
  draft: Draft,
  media: Map<string, MediaItem>,
  seg: Segment,
  drag: DragState,
): Op | null {
  if (drag.kind === "edge" && drag.edge) {
    const clips = mainVideoSegments(draft);
    const index = clips.findIndex((c) => c.id === seg.id);
    return index < 0 || Math.abs(drag.delta) < 1
      ? null
      : edgeOp(clips[index], index, drag.edge, drag.delta);
  }
  if (drag.kind === "move-clip") {
    const clips = mainVideoSegments(draft);
    const index = clips.findIndex((c) => c.id === seg.id);
    return index < 0 || drag.gap === undefined ? null : reorderOp(clips.length, index, drag.gap);
  }
  if (Math.abs(drag.delta) < 1) return null;
  if (drag.kind === "text-move")
    return {
      op: "edit_text",
      id: seg.id,
      start: ms1(seg.st + drag.delta),
      end: ms1(seg.st + seg.d + drag.delta),
    };
  return drag.edge === "left"
    ? { op: "edit_text", id: seg.id, start: ms1(seg.st + drag.delta) }
    : { op: "edit_text", id: seg.id, end: ms1(seg.st + seg.d + drag.delta) };
}

export function useSegmentDrag(
  draft: Draft | undefined,
  media: Map<string, MediaItem>,
  pxPerMs: number,
  handlers: DragHandlers,
  words: readonly SnapWord[] = [],
) {
  const [drag, setDrag] = useState<DragState | null>(null);
  const pressed = useRef<Pressed | null>(null);
  const live = useRef({ draft, media, pxPerMs, handlers, drag, words });
  live.current = { draft, media, pxPerMs, handlers, drag, words };

  const compute = useCallback((p: Pressed, dx: number): DragState | null => {
    const { draft: d, media: m, pxPerMs: px, words: w } = live.current;
    if (!d) return null;
    const raw = dx / px;
    const end = d.d;
    const within = SNAP_PX / px;
    const targets = snapTargets(d, usePlayerStore.getState().currentMs, p.seg.id);
    const seg = p.seg;
    if (p.kind === "move-clip") {
      const clips = mainVideoSegments(d);
      return {
        kind: p.kind,
        id: seg.id,
        delta: raw,
        snapTo: null,
        gap: dropIndex(
          clips
            .filter((c) => c.id !== seg.id)
            .map((c) => ({ st: c.st > seg.st ? c.st - seg.d : c.st, d: c.d })),
          seg.st + raw,
        ),
      };
    }
    if (p.kind === "edge" && p.edge) {
      const clip = seg as VideoSegment;
      const item = m.get(clip.src);
      const sourceMs =
        item?.kind === "image" ? Infinity : (item?.duration ?? clip.out / 1000) * 1000;
      const at = (p.edge === "left" ? seg.st : seg.st + seg.d) + raw;
      const snapped = snap(at, targets.concat(wordSnapTargets(w, clip)), within);
      const delta = clampEdgeDelta(
        clip,
        p.edge,
        snapped.ms - (p.edge === "left" ? seg.st : seg.st + seg.d),
        sourceMs,
      );
      return { kind: p.kind, id: seg.id, edge: p.edge, delta, snapTo: snapped.to };
    }
    targets.push(...wordSnapTargets(w));
    if (p.kind === "text-move") {
      // Snap whichever edge of the block is nearer a target.
      const a = snap(seg.st + raw, targets, within);
      const b = snap(seg.st + seg.d + raw, targets, within);
      let delta = raw;
      let to: number | null = null;
      if (
        a.to !== null &&
        (b.to === null || Math.abs(a.ms - seg.st - raw) <= Math.abs(b.ms - seg.st - seg.d - raw))
      )
        [delta, to] = [a.ms - seg.st, a.to];
      else if (b.to !== null) [delta, to] = [b.ms - seg.st - seg.d, b.to];
      delta = Math.min(end - seg.st - seg.d, Math.max(-seg.st, delta));
      return { kind: p.kind, id: seg.id, delta, snapTo: to };
    }
    const base = p.edge === "left" ? seg.st : seg.st + seg.d;
    const s = snap(base + raw, targets, within);
    let delta = s.ms - base;
    delta =
      p.edge === "left"
        ? Math.min(seg.d - 200, Math.max(-seg.st, delta))
        : Math.max(200 - seg.d, Math.min(end - base, delta));
    return { kind: p.kind, id: seg.id, edge: p.edge, delta, snapTo: s.to };
  }, []);

  useEffect(() => {
    function move(e: PointerEvent) {
      const p = pressed.current;
      if (!p) return;
      const dx = e.clientX - p.x;
      if (!p.started && Math.abs(dx) < CLICK_SLOP_PX) return;
      p.started = true;
      setDrag(compute(p, dx));
    }
    function up(e: PointerEvent) {
      const p = pressed.current;
      if (!p) return;
      pressed.current = null;
      const { draft: d, media: m, handlers: h, drag: current } = live.current;
      setDrag(null);
      if (!p.started) {
        const target = (e.target as HTMLElement | null)?.closest?.("[data-seg-id]");
        const box = target?.getBoundingClientRect();
        const at = box
          ? p.seg.st + Math.max(0, e.clientX - box.left) / live.current.pxPerMs
          : p.seg.st;
        h.onClick(p.seg, Math.min(at, p.seg.st + p.seg.d), e.shiftKey);
        return;
      }
      const final = compute(p, e.clientX - p.x) ?? current;
      const op = d && final ? dropOp(d, m, p.seg, final) : null;
      if (op) h.onOps([op]);
    }
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", up);
    return () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", up);
    };
  }, [compute]);

  const press = useCallback((e: React.PointerEvent, seg: Segment, kind: DragKind, edge?: Edge) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as HTMLElement)
      .closest<HTMLElement>("[data-seg-id]")
      ?.focus({ preventScroll: true });
    pressed.current = { kind, seg, edge, x: e.clientX, started: false };
  }, []);

  return { drag, press };
}
