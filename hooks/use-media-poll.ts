"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "@/lib/client/api";
import type { MediaItem } from "@/lib/media/schema";
import { patchState } from "./use-session-state";

/** How often the media list is re-read while the server is still making something, or null. */
export function mediaPollMs(media: MediaItem[] | undefined): number | null {
  const list = media ?? [];
  // Posters, filmstrips and waveforms take a second or two: check often. Proxies take longer.
  if (list.some((m) => m.previews === "pending")) return 1_000;
  if (list.some((m) => m.proxy === "pending")) return 3_000;
  return null;
}

/** While posters, filmstrips, waveforms or a browser-playable proxy are being made, re-reads the media list. */
export function useMediaPoll(media: MediaItem[] | undefined) {
  const qc = useQueryClient();
  const every = mediaPollMs(media);
  useEffect(() => {
    if (every === null) return;
    const timer = setInterval(() => {
      api<{ files: MediaItem[] }>("/api/media")
        .then((r) => patchState(qc, () => ({ media: r.files })))
        .catch(() => undefined); // the next tick tries again; the badge stays until it works
    }, every);
    return () => clearInterval(timer);
  }, [every, qc]);
}
