"use client";

import { useEffect, useRef } from "react";
import { edgeOp, frameMs, rangeCutOp, reorderOp, type Edge } from "@/lib/client/timeline-edit";
import { mainVideoSegments } from "@/lib/client/timeline-math";
import { draftDuration, type Draft } from "@/lib/draft/schema";
import { segmentsOf, textTracks, tracksOf } from "@/lib/draft/tracks";
import type { Op } from "@/lib/plan/schema";
import { usePlayerStore } from "@/stores/player";
import { useTimelineStore } from "@/stores/timeline";
import { isTypingTarget } from "./use-shortcuts";

// The editor keys every NLE shares: S split, Delete ripple-delete, I/O mark a range,
// J/K/L shuttle, arrows step a frame, Home/End, ? for the list; [ and ] trim to the
// playhead and Alt+arrows move a clip, the keyboard's way to drag an edge or a clip. Each edit is an op sent
// through the same path as the chat's edits.

export const SHUTTLE_RATES = [1, 2, 4];

export interface TimelineKeyActions {
  draft: Draft | undefined;
  /** Send ops (one version on the server; undo takes them back together). */
  apply(ops: Op[]): void;
  /** False while another edit is in flight: edits wait, navigation does not. */
  canEdit: boolean;
}

/** A split at `ms`, or null at a cut or outside the video. */
export function splitOp(draft: Draft, ms: number): Op | null {
  const clip = mainVideoSegments(draft).find((c) => ms - c.st >= 40 && c.st + c.d - ms >= 40);
  return clip ? { op: "split", at: Math.round(ms) / 1000 } : null;
}

/** Delete: the selected clips and text blocks, else the marked range. */
export function deleteOps(
  draft: Draft,
  selected: string[],
  markIn: number | null,
  markOut: number | null,
): Op[] {
  const clips = mainVideoSegments(draft);
  const indexes = clips.flatMap((c, i) => (selected.includes(c.id) ? [i] : []));
  const texts = textTracks(draft).flatMap((t) =>
    segmentsOf(t)
      .filter((s) => selected.includes(s.id))
      .map((s) => s.id),
  );
  const ops: Op[] = [];
  // Text first: removing clips could shift or drop the picked blocks.
  if (texts.length) ops.push({ op: "remove_text", ids: texts });
  if (indexes.length) ops.push({ op: "delete_clips", indexes });
  if (ops.length) return ops;
  if (markIn !== null && markOut !== null) {
    const cut = rangeCutOp(markIn, markOut);
    return cut ? [cut] : [];
  }
  return [];
}

/**
 * "[" / "]": ripple-trim the start / end of the selected clip (else the clip under the
 * playhead) to the playhead, the op a drag of that edge sends. Null when the playhead is
 * not inside that clip.
 */
export function trimToPlayheadOp(
  draft: Draft,
  selected: readonly string[],
  ms: number,
  edge: Edge,
): Op | null {
  const clips = mainVideoSegments(draft);
  const inside = (i: number) =>
    i >= 0 && ms - clips[i].st >= 40 && clips[i].st + clips[i].d - ms >= 40;
  const picked = clips.findIndex((c) => selected.includes(c.id));
  const index = inside(picked) ? picked : clips.findIndex((_, i) => inside(i));
  if (index < 0) return null;
  const clip = clips[index];
  return edgeOp(clip, index, edge, edge === "left" ? ms - clip.st : ms - (clip.st + clip.d));
}

const sec = (ms: number) => Math.round(ms) / 1000;

/** The selected title or caption block, if one is selected. */
function selectedText(draft: Draft, selected: readonly string[]) {
  return textTracks(draft)
    .flatMap((t) => segmentsOf(t))
    .find((s) => selected.includes(s.id));
}

/** "[" / "]" on a selected title or caption block: its start / end to the playhead (the edge drag's edit_text). */
export function textEdgeToPlayheadOp(
  draft: Draft,
  selected: readonly string[],
  ms: number,
  edge: Edge,
): Op | null {
  const block = selectedText(draft, selected);
  if (!block) return null;
  const end = block.st + block.d;
  if (edge === "left" ? end - ms < 200 : ms - block.st < 200) return null;
  return edge === "left"
    ? { op: "edit_text", id: block.id, start: sec(ms) }
    : { op: "edit_text", id: block.id, end: sec(ms) };
}

/** Alt+Left / Alt+Right on a selected title or caption block: one second earlier / later, kept inside the video. */
export function nudgeTextOp(draft: Draft, selected: readonly string[], dir: -1 | 1): Op | null {
  const block = selectedText(draft, selected);
  if (!block) return null;
  const st = Math.max(0, Math.min(draftDuration(tracksOf(draft)) - block.d, block.st + dir * 1000));
  return st === block.st
    ? null
    : { op: "edit_text", id: block.id, start: sec(st), end: sec(st + block.d) };
}

/** Alt+Left / Alt+Right: the selected clip one place earlier / later (the drag's reorder op). */
export function nudgeClipOp(draft: Draft, selected: readonly string[], dir: -1 | 1): Op | null {
  const clips = mainVideoSegments(draft);
  const from = clips.findIndex((c) => selected.includes(c.id));
  return from < 0 || from + dir < 0 || from + dir >= clips.length
    ? null
    : reorderOp(clips.length, from, from + dir);
}

export function useTimelineKeys(actions: TimelineKeyActions) {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    let rate = 0;
    let reverse: ReturnType<typeof setInterval> | null = null;
    const stopReverse = () => {
      if (reverse) clearInterval(reverse);
      reverse = null;
    };
    function shuttle(dir: -1 | 0 | 1) {
      const controls = usePlayerStore.getState().controls;
      if (!controls) return;
      if (dir === 0) {
        rate = 0;
        stopReverse();
        controls.setRate?.(1);
        controls.pause();
        return;
      }
      // Pressing the same way again goes faster (1x, 2x, 4x); the other way starts at 1x.
      const step =
        Math.sign(rate) === dir
          ? Math.min(SHUTTLE_RATES.indexOf(Math.abs(rate)) + 1, SHUTTLE_RATES.length - 1)
          : 0;
      rate = dir * SHUTTLE_RATES[step];
      stopReverse();
      if (dir > 0) {
        controls.setRate?.(rate);
        controls.play();
      } else {
        // Browsers cannot play video backwards: step the playhead back instead.
        controls.pause();
        const tickMs = 80;
        reverse = setInterval(() => {
          const now = usePlayerStore.getState().currentMs;
          if (now <= 0) return shuttle(0);
          usePlayerStore.getState().controls?.seek(Math.max(0, now - tickMs * Math.abs(rate)));
        }, tickMs);
      }
    }
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || isTypingTarget(e.target) || e.ctrlKey || e.metaKey) return;
      const { draft, apply, canEdit } = ref.current;
      const tl = useTimelineStore.getState();
      if (e.altKey) {
        if (!draft || (e.key !== "ArrowLeft" && e.key !== "ArrowRight")) return;
        const dir = e.key === "ArrowLeft" ? -1 : 1;
        const op = nudgeTextOp(draft, tl.selected, dir) ?? nudgeClipOp(draft, tl.selected, dir);
        if (op && canEdit) apply([op]);
        e.preventDefault();
        return;
      }
      if (e.key === "?") {
        tl.setHelp(!tl.helpOpen);
        e.preventDefault();
        return;
      }
      if (e.key === "Escape") {
        if (tl.helpOpen) tl.setHelp(false);
        else {
          tl.clearSelection();
          tl.clearMarks();
        }
        return;
      }
      if (!draft || mainVideoSegments(draft).length === 0) return;
      const player = usePlayerStore.getState();
      const now = player.currentMs;
      const end = draftDuration(tracksOf(draft));
      const seek = (ms: number) => {
        const to = Math.max(0, Math.min(end, ms));
        if (player.controls) player.controls.seek(to);
        else player.setTime(to);
      };
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const tag = (e.target as HTMLElement | null)?.tagName?.toLowerCase();
      switch (key) {
        case "s": {
          const op = splitOp(draft, now);
          if (op && canEdit) apply([op]);
          break;
        }
        case "Delete":
        case "Backspace": {
          const ops = deleteOps(draft, tl.selected, tl.markIn, tl.markOut);
          if (!ops.length || !canEdit) return;
          apply(ops);
          tl.clearSelection();
          tl.clearMarks();
          break;
        }
        case "[":
        case "]": {
          const edge = key === "[" ? "left" : "right";
          const op = selectedText(draft, tl.selected)
            ? textEdgeToPlayheadOp(draft, tl.selected, now, edge)
            : trimToPlayheadOp(draft, tl.selected, now, edge);
          if (op && canEdit) apply([op]);
          break;
        }
        case "i":
          tl.mark("in", now);
          break;
        case "o":
          tl.mark("out", now);
          break;
        case "j":
          shuttle(-1);
          break;
        case "k":
          shuttle(0);
          break;
        case "l":
          shuttle(1);
          break;
        case "ArrowLeft":
        case "ArrowRight": {
          // Buttons and sliders keep their own arrow keys.
          if (tag === "input" || tag === "select") return;
          const step = e.shiftKey ? 1000 : frameMs(draft);
          seek(now + (key === "ArrowRight" ? step : -step));
          break;
        }
        case "Home":
          seek(0);
          break;
        case "End":
          seek(end);
          break;
        default:
          return;
      }
      e.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => {
      stopReverse();
      window.removeEventListener("keydown", onKey);
    };
  }, []);
}
