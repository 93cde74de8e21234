"use client";

import { useEffect, useRef } from "react";
import { Spinner } from "@/components/ui/spinner";
import { useChatStore } from "@/stores/chat";
import { useT } from "@/stores/locale";
import { ChatInput } from "./chat-input";
import { ChatMessage } from "./chat-message";

export function ChatPanel({
  onSend,
  onStop,
  onReconnect,
  disabled,
  registerUrl,
}: {
  onSend(text: string): void;
  onStop(): void;
  onReconnect(): void;
  disabled: boolean;
  registerUrl?: string | null;
}) {
  const t = useT();
  // The product's own examples, as one-click prompts in the interface's language (the reply follows it).
  const prompts = [t("chat.prompt1"), t("chat.prompt2"), t("chat.prompt3")];
  const entries = useChatStore((s) => s.entries);
  const streaming = useChatStore((s) => s.streaming);
  const stillWorking = useChatStore((s) => s.stillWorking);
  const scroller = useRef<HTMLDivElement>(null);

  // Follow the reply as it grows, unless the user scrolled up to read.
  const last = entries[entries.length - 1];
  const size = last ? last.text.length + last.steps.length + last.tips.length : 0;
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 160) el.scrollTop = el.scrollHeight;
  }, [entries.length, size, stillWorking]);

  return (
    <section
      aria-label={t("chat.label")}
      data-testid="chat"
      className="flex h-full min-h-0 flex-col gap-3"
    >
      <div
        ref={scroller}
        role="log"
        aria-live="polite"
        aria-label={t("chat.log")}
        className="-mx-1 flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-1 pb-1"
      >
        {entries.length === 0 ? (
          <div className="pt-2">
            <p className="text-base font-semibold">{t("chat.emptyTitle")}</p>
            <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t("chat.emptyHint")}</p>
          </div>
        ) : (
          entries.map((e, i) => (
            <ChatMessage
              key={e.id}
              entry={e}
              onReconnect={onReconnect}
              registerUrl={registerUrl}
              // Only the latest question can still be answered by a click.
              onChoose={i === entries.length - 1 && !streaming && !disabled ? onSend : undefined}
            />
          ))
        )}
        {streaming && stillWorking ? (
          <p
            data-testid="still-working"
            role="status"
            className="flex items-center gap-2 pl-9 text-xs text-zinc-600 dark:text-zinc-400"
          >
            <Spinner className="h-3.5 w-3.5" /> {t("chat.stillWorking")}
          </p>
        ) : null}
      </div>
      {entries.length === 0 ? (
        <div>
          <p className="mb-1.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">
            {t("chat.try")}
          </p>
          <ul className="flex flex-col gap-1.5">
            {prompts.map((p) => (
              <li key={p}>
                <button
                  type="button"
                  data-testid="suggested-prompt"
                  disabled={disabled}
                  onClick={() => onSend(p)}
                  className="w-full rounded-lg border border-zinc-200 bg-white px-3 py-2 text-left text-sm text-zinc-700 transition-colors hover:border-brand/50 hover:bg-brand/5 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand disabled:opacity-60 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-brand/10"
                >
                  “{p}”
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ChatInput onSend={onSend} onStop={onStop} streaming={streaming} disabled={disabled} />
    </section>
  );
}
