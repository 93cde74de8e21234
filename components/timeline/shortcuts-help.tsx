"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { useTimelineStore } from "@/stores/timeline";

// The "?" popover: every timeline key in one list, so nobody has to guess.

export const SHORTCUTS: [string, string][] = [
  ["Space", "Play / pause"],
  ["J / K / L", "Play backwards / stop / play forwards (press again: faster)"],
  ["← / →", "Step one frame (Shift: one second)"],
  ["Home / End", "Go to the start / end"],
  ["S", "Split the clip at the playhead"],
  ["Click, Shift+click", "Select a clip or block; add to the selection"],
  ["Delete", "Ripple-delete the selection, or the marked range"],
  ["I / O", "Mark the start / end of a range"],
  ["Drag an edge", "Trim (snaps to the playhead, cuts and captions)"],
  ["Drag a clip or block", "Move it (clips swap places)"],
  ["Double-click a title", "Edit its words"],
  ["Ctrl+Z / Shift+Ctrl+Z", "Undo / redo"],
  ["Esc", "Clear the selection and marks"],
  ["?", "Show or hide this list"],
];

export function ShortcutsHelp() {
  const open = useTimelineStore((s) => s.helpOpen);
  const setHelp = useTimelineStore((s) => s.setHelp);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setHelp(false);
    };
    window.addEventListener("pointerdown", close);
    return () => window.removeEventListener("pointerdown", close);
  }, [open, setHelp]);
  return (
    <div ref={box} className="relative">
      <Button size="icon" variant="ghost" aria-label="Keyboard shortcuts (?)" aria-expanded={open} aria-controls="timeline-shortcuts" data-testid="shortcuts-button" onClick={() => setHelp(!open)}>
        <span aria-hidden className="text-sm font-semibold">?</span>
      </Button>
      {open ? (
        <div
          id="timeline-shortcuts"
          role="dialog"
          aria-label="Keyboard shortcuts"
          data-testid="shortcuts-help"
          className="absolute right-0 top-9 z-40 w-[min(420px,90vw)] rounded-lg border border-zinc-200 bg-white p-3 text-xs shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
        >
          <h3 className="mb-2 text-sm font-semibold">Keyboard shortcuts</h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {SHORTCUTS.map(([keys, what]) => (
              <div key={keys} className="contents">
                <dt className="whitespace-nowrap font-mono text-zinc-800 dark:text-zinc-100">{keys}</dt>
                <dd className="text-zinc-700 dark:text-zinc-300">{what}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}
