"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { SendIcon, StopIcon } from "@/components/ui/icons";
import { useT } from "@/stores/locale";

/** Enter sends, Shift+Enter starts a new line; while a reply streams, the button stops it. */
export function ChatInput({
  onSend,
  onStop,
  streaming,
  disabled,
}: {
  onSend(text: string): void;
  onStop(): void;
  streaming: boolean;
  disabled: boolean;
}) {
  const t = useT();
  const [text, setText] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);

  function submit() {
    const value = text.trim();
    if (!value || streaming || disabled) return;
    onSend(value);
    setText("");
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  return (
    <form
      className="flex items-end gap-2 rounded-xl border border-zinc-300 bg-white p-2 focus-within:border-brand focus-within:ring-2 focus-within:ring-brand/30 dark:border-zinc-700 dark:bg-zinc-900"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor="chat-input" className="sr-only">
        {t("chat.inputLabel")}
      </label>
      <textarea
        id="chat-input"
        ref={ref}
        data-testid="chat-input"
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        disabled={disabled}
        placeholder={t("chat.placeholder")}
        className="max-h-40 min-h-[2.75rem] flex-1 resize-none bg-transparent px-1.5 py-1 text-sm outline-none focus-visible:outline-none placeholder:text-zinc-400 disabled:opacity-60"
      />
      {streaming ? (
        <Button
          data-testid="chat-stop"
          variant="secondary"
          size="sm"
          onClick={onStop}
          aria-label={t("chat.stopLabel")}
        >
          <StopIcon className="h-3.5 w-3.5" /> {t("chat.stop")}
        </Button>
      ) : (
        <Button
          data-testid="chat-send"
          type="submit"
          variant="primary"
          size="sm"
          disabled={disabled || !text.trim()}
          aria-label={t("chat.send")}
        >
          <SendIcon className="h-3.5 w-3.5" /> {t("chat.send")}
        </Button>
      )}
    </form>
  );
}
