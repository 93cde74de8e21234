"use client";

import { useEffect, useRef, useState } from "react";
import type { TextSegment } from "@/lib/draft/schema";
import { useT } from "@/stores/locale";

/** In-place editor over a title block (double-click): Enter or leaving saves, Esc cancels. */
export function TitleEditor({
  seg,
  left,
  top,
  width,
  onSave,
  onCancel,
}: {
  seg: TextSegment;
  left: number;
  top: number;
  width: number;
  onSave(text: string): void;
  onCancel(): void;
}) {
  const t = useT();
  const [value, setValue] = useState(seg.text);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const finish = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    const text = value.trim();
    if (save && text && text !== seg.text) onSave(text);
    else onCancel();
  };
  return (
    <input
      ref={input}
      data-testid="title-editor"
      aria-label={t("title.words", { text: seg.text })}
      className="absolute z-30 h-7 rounded-md border border-fuchsia-500 bg-white px-1.5 text-[12px] font-semibold text-zinc-900 shadow-lg outline-none dark:bg-zinc-950 dark:text-zinc-50"
      style={{ left, top, width: Math.max(width, 160) }}
      value={value}
      maxLength={500}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") finish(true);
        else if (e.key === "Escape") finish(false);
        e.stopPropagation();
      }}
      onBlur={() => finish(true)}
    />
  );
}
