"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { StringKey } from "@/lib/i18n/en";
import { useT } from "@/stores/locale";
import { useTimelineStore } from "@/stores/timeline";

// The "?" popover: every timeline key in one list, so nobody has to guess.

/** Keys (a literal, or a string key for gestures) and what they do. */
export const SHORTCUTS: [string, StringKey][] = [
  ["Space", "keys.play"],
  ["J / K / L", "keys.shuttle"],
  ["← / →", "keys.step"],
  ["Home / End", "keys.ends"],
  ["S", "keys.split"],
  ["keys.k.click", "keys.select"],
  ["Delete", "keys.delete"],
  ["I / O", "keys.marks"],
  ["keys.k.dragEdge", "keys.trim"],
  ["[ / ]", "keys.trimKeys"],
  ["keys.k.drag", "keys.move"],
  ["Alt+← / Alt+→", "keys.nudge"],
  ["keys.k.dbl", "keys.reword"],
  ["Ctrl+Z / Shift+Ctrl+Z", "keys.undo"],
  ["Esc", "keys.escape"],
  ["?", "keys.help"],
];

export function ShortcutsHelp() {
  const t = useT();
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
      <Button
        size="icon"
        variant="ghost"
        aria-label={t("keys.button")}
        aria-expanded={open}
        aria-controls="timeline-shortcuts"
        data-testid="shortcuts-button"
        onClick={() => setHelp(!open)}
      >
        <span aria-hidden className="text-sm font-semibold">
          ?
        </span>
      </Button>
      {open ? (
        <div
          id="timeline-shortcuts"
          role="dialog"
          aria-label={t("keys.title")}
          data-testid="shortcuts-help"
          className="absolute right-0 top-9 z-40 w-[min(420px,90vw)] rounded-lg border border-zinc-200 bg-white p-3 text-xs shadow-xl dark:border-zinc-700 dark:bg-zinc-900"
        >
          <h3 className="mb-2 text-sm font-semibold">{t("keys.title")}</h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {SHORTCUTS.map(([keys, what]) => (
              <div key={keys} className="contents">
                <dt className="whitespace-nowrap font-mono text-zinc-800 dark:text-zinc-100">
                  {keys.startsWith("keys.") ? t(keys as StringKey) : keys}
                </dt>
                <dd className="text-zinc-700 dark:text-zinc-300">{t(what)}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}
