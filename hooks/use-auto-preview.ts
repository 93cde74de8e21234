"use client";

import { useCallback, useEffect, useRef } from "react";

export interface AutoPreviewInput {
  /** The draft version shown; undefined until the state loads. */
  version: number | undefined;
  /** A chat reply is streaming (more edits may follow). */
  streaming: boolean;
  /** An export or a preview render is running or starting. */
  rendering: boolean;
  hasVideo: boolean;
  /** A finished preview of this version is playing already. */
  renderedUrl: string | null;
  /** Only the embedded engine renders previews. */
  local: boolean;
  /** Starts a preview render of the current version. */
  start(): void;
}

/**
 * After an edit made here (not on load), render a cheap preview once nothing else
 * renders: the final export goes first on a busy machine. `reset`: another project was
 * opened, so its first version is a load, not an edit.
 */
export function useAutoPreview({
  version,
  streaming,
  rendering,
  hasVideo,
  renderedUrl,
  local,
  start,
}: AutoPreviewInput): { reset(): void } {
  const seenVersion = useRef<number | null>(null);
  const wantPreview = useRef(false);
  // The timer calls the newest `start` (it reads the current draft), without restarting on each render.
  const startRef = useRef(start);
  useEffect(() => {
    startRef.current = start;
  });
  useEffect(() => {
    if (version === undefined) return;
    if (seenVersion.current !== null && seenVersion.current !== version) wantPreview.current = true;
    seenVersion.current = version;
  }, [version]);
  useEffect(() => {
    if (!wantPreview.current || streaming || rendering || !hasVideo || renderedUrl || !local)
      return;
    const timer = setTimeout(() => {
      wantPreview.current = false;
      startRef.current();
    }, 1500);
    return () => clearTimeout(timer);
  }, [version, streaming, rendering, hasVideo, renderedUrl, local]);
  const reset = useCallback(() => {
    seenVersion.current = null;
    wantPreview.current = false;
  }, []);
  return { reset };
}
