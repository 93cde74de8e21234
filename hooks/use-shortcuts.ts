"use client";

import { useEffect, useRef } from "react";

export interface ShortcutHandlers {
  togglePlay(): void;
  undo(): void;
  redo(): void;
}

/** Typing in a field must never trigger an edit. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select" || el.isContentEditable) return true;
  if (tag === "input") {
    const type = (el as HTMLInputElement).type;
    return !["button", "checkbox", "radio", "range", "submit", "reset"].includes(type);
  }
  return false;
}

/** Space plays/pauses, Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redoes. */
export function useShortcuts(handlers: ShortcutHandlers) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || isTypingTarget(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === "z") {
        e.preventDefault();
        if (e.shiftKey) ref.current.redo();
        else ref.current.undo();
      } else if (mod && key === "y") {
        e.preventDefault();
        ref.current.redo();
      } else if (e.key === " " && !mod) {
        // A focused button, radio or checkbox also acts on space: let it keep its meaning.
        const tag = (e.target as HTMLElement | null)?.tagName?.toLowerCase();
        if (tag === "button" || tag === "a" || tag === "summary" || tag === "input") return;
        e.preventDefault();
        ref.current.togglePlay();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
