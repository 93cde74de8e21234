"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useT } from "@/stores/locale";

// The two small bars above the words: search (Ctrl/Cmd+F) and the correction field
// (double-click a word, or Enter on a selection).

export function SearchBar({
  query,
  count,
  at,
  onQuery,
  onStep,
  onClose,
}: {
  query: string;
  count: number;
  at: number;
  onQuery(q: string): void;
  onStep(delta: number): void;
  onClose(): void;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <div className="flex items-center gap-2">
      <input
        ref={input}
        type="search"
        data-testid="transcript-search"
        aria-label={t("transcript.searchLabel")}
        placeholder={t("transcript.searchPlaceholder")}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          } else if (e.key === "Escape") onClose();
        }}
        className="h-8 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <span data-testid="search-count" className="text-xs tabular-nums text-zinc-500">
        {query.trim()
          ? count
            ? t("transcript.searchOf", { a: at + 1, b: count })
            : t("transcript.noMatch")
          : ""}
      </span>
      <Button size="xs" variant="ghost" onClick={onClose}>
        {t("transcript.close")}
      </Button>
    </div>
  );
}

export function CorrectBar({
  initial,
  busy,
  onSave,
  onCancel,
}: {
  initial: string;
  busy: boolean;
  onSave(text: string): void;
  onCancel(): void;
}) {
  const t = useT();
  const [text, setText] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  return (
    <form
      className="flex items-center gap-2 rounded-lg bg-emerald-50 p-2 dark:bg-emerald-950/40"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onSave(text);
      }}
    >
      <label className="text-xs text-zinc-600 dark:text-zinc-300" htmlFor="correct-words">
        {t("transcript.shouldRead")}
      </label>
      <input
        id="correct-words"
        ref={input}
        data-testid="correct-input"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && onCancel()}
        className="h-8 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <Button
        size="xs"
        variant="primary"
        type="submit"
        data-testid="correct-save"
        disabled={busy || !text.trim()}
      >
        {t("transcript.save")}
      </Button>
      <Button size="xs" variant="ghost" onClick={onCancel}>
        {t("transcript.cancel")}
      </Button>
    </form>
  );
}
