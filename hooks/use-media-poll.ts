"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "@/lib/client/api";
import type { MediaItem } from "@/lib/media/schema";
import { patchState } from "./use-session-state";

/** While a browser-playable proxy is being made, re-reads the media list every few seconds. */
export function useMediaPoll(media: MediaItem[] | undefined) {
  const qc = useQueryClient();
  const pending = (media ?? []).some((m) => m.proxy === "pending");
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      api<{ files: MediaItem[] }>("/api/media")
        .then((r) => patchState(qc, () => ({ media: r.files })))
        .catch(() => undefined); // the next tick tries again; the badge stays until it works
    }, 3_000);
    return () => clearInterval(timer);
  }, [pending, qc]);
}
