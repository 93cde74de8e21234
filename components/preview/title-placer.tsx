"use client";

import { clsx } from "clsx";
import { useEffect } from "react";
import { textAt } from "@/lib/client/timeline-math";
import { TRACK_TEXT, type Draft, type Position, type TextSegment } from "@/lib/draft/schema";
import type { StringKey } from "@/lib/i18n/en";
import type { Op } from "@/lib/plan/schema";
import { Button } from "@/components/ui/button";
import { useT } from "@/stores/locale";
import { useTimelineStore } from "@/stores/timeline";

// "Place title": a click on the preview puts a title where it landed (the frame in
// thirds: top, middle, bottom; left, centre, right). The click sends the same edit_text
// op as the timeline and the chat, so undo/redo and exports follow.

/** The title a click places: the one selected on the timeline, else the one showing now, else the only one. */
export function titleToPlace(
  draft: Draft | undefined,
  selected: readonly string[],
  currentMs: number,
): TextSegment | null {
  if (!draft) return null;
  const titles = draft.t
    .filter((t) => t.tt === TRACK_TEXT)
    .flatMap((t) => t.sg as TextSegment[])
    .filter((s) => s.kind === "title");
  return (
    titles.find((s) => selected.includes(s.id)) ??
    textAt(draft, currentMs).find((s) => s.kind === "title") ??
    (titles.length === 1 ? titles[0] : null)
  );
}

// The middle row is one zone: titles have no middle-left / middle-right place.
const ZONES: { position: Position; label: StringKey; cell: string }[] = [
  { position: "top-left", label: "place.top-left", cell: "" },
  { position: "top", label: "place.top", cell: "" },
  { position: "top-right", label: "place.top-right", cell: "" },
  { position: "center", label: "place.center", cell: "col-span-3" },
  { position: "bottom-left", label: "place.bottom-left", cell: "" },
  { position: "bottom", label: "place.bottom", cell: "" },
  { position: "bottom-right", label: "place.bottom-right", cell: "" },
];

/** The footer button that starts placing (pressed while the zones show). */
export function PlaceTitleButton({
  title,
  placing,
  onPlacing,
}: {
  title: TextSegment | null;
  placing: boolean;
  onPlacing(on: boolean): void;
}) {
  const t = useT();
  if (!title) return null;
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-pressed={placing}
      data-testid="place-title"
      title={t("place.hint", { text: title.text })}
      onClick={() => onPlacing(!placing)}
      onKeyDown={(e) => e.key === "Escape" && onPlacing(false)}
    >
      {t(placing ? "place.cancel" : "place.button")}
    </Button>
  );
}

/** Clickable thirds over the preview frame; a click places the title there. Escape cancels (wherever the focus is). */
export function PlaceTitleZones({
  title,
  onOps,
  onDone,
}: {
  title: TextSegment;
  onOps(ops: Op[]): void;
  onDone(): void;
}) {
  const t = useT();
  useEffect(() => {
    const esc = (e: KeyboardEvent) => e.key === "Escape" && onDone();
    window.addEventListener("keydown", esc);
    return () => window.removeEventListener("keydown", esc);
  }, [onDone]);
  return (
    <div
      role="group"
      aria-label={t("place.group", { text: title.text })}
      data-testid="place-zones"
      onKeyDown={(e) => e.key === "Escape" && onDone()}
      className="absolute inset-0 z-10 grid grid-cols-3 grid-rows-3 gap-px bg-black/20"
    >
      {ZONES.map((z) => (
        <button
          key={z.position}
          type="button"
          data-position={z.position}
          aria-label={t(z.label)}
          aria-pressed={title.position === z.position}
          onClick={() => {
            if (title.position !== z.position)
              onOps([{ op: "edit_text", id: title.id, position: z.position }]);
            onDone();
          }}
          className={clsx(
            z.cell,
            "border border-dashed border-white/40 text-[11px] font-medium text-white [text-shadow:0_1px_2px_rgb(0_0_0/0.8)] hover:bg-white/15 focus-visible:bg-white/15 focus-visible:text-white focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-white",
            title.position === z.position && "bg-brand/30 text-white",
          )}
        >
          {t(z.label)}
        </button>
      ))}
    </div>
  );
}

/** The selection and playhead the placer reads, from the shared stores. */
export function useTitleToPlace(draft: Draft | undefined, currentMs: number): TextSegment | null {
  const selected = useTimelineStore((s) => s.selected);
  return titleToPlace(draft, selected, currentMs);
}
