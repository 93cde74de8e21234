"use client";

import { formatTenths as formatTime } from "@/lib/client/timeline-edit";
import type { Draft, Segment, TextSegment, VideoSegment } from "@/lib/draft/schema";
import { useT } from "@/stores/locale";
import { RULER_H } from "./timeline-constants";
import type { DragState } from "./use-segment-drag";

/** The numbers while dragging: a clip's new in/out points, or a block's new start and end. */
export function DragReadout({
  draft,
  drag,
  pxPerMs,
}: {
  draft: Draft;
  drag: DragState;
  pxPerMs: number;
}) {
  const t = useT();
  let seg: Segment | undefined;
  for (const t of draft.t) seg ??= (t.sg as Segment[]).find((s) => s.id === drag.id);
  if (!seg) return null;
  let text: string;
  let x: number;
  if (drag.kind === "edge") {
    const clip = seg as VideoSegment;
    const speed = clip.speed ?? 1;
    const inMs = drag.edge === "left" ? clip.in + drag.delta * speed : clip.in;
    const outMs = drag.edge === "right" ? clip.out + drag.delta * speed : clip.out;
    text = t("drag.inOut", {
      in: formatTime(inMs),
      out: formatTime(outMs),
      d: formatTime((outMs - inMs) / speed),
    });
    x = drag.edge === "left" ? seg.st + drag.delta : seg.st + seg.d + drag.delta;
  } else if (drag.kind === "move-clip") {
    text = t("drag.move", { name: (seg as VideoSegment).name ?? "clip", n: (drag.gap ?? 0) + 1 });
    x = seg.st + drag.delta;
  } else {
    const st = drag.kind === "text-move" || drag.edge === "left" ? seg.st + drag.delta : seg.st;
    const end =
      drag.kind === "text-move" || drag.edge === "right"
        ? seg.st + seg.d + drag.delta
        : seg.st + seg.d;
    text = `"${(seg as TextSegment).text.slice(0, 24)}" ${formatTime(st)}–${formatTime(end)}`;
    x = drag.edge === "right" ? end : st;
  }
  return (
    <div
      role="status"
      data-testid="drag-readout"
      className="pointer-events-none absolute z-40 -translate-x-1/2 whitespace-nowrap rounded bg-zinc-900 px-1.5 py-0.5 text-[11px] font-medium tabular-nums text-white shadow dark:bg-zinc-100 dark:text-zinc-900"
      style={{ left: Math.max(60, x * pxPerMs), top: RULER_H - 20 }}
    >
      {text}
    </div>
  );
}
