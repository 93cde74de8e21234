"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { TranscriptView } from "@/lib/transcript/schema";

export const TRANSCRIPT_KEY = ["transcript"] as const;

/** The timeline's words, re-read whenever the draft version changes (every edit). */
export function useTranscript(version: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...TRANSCRIPT_KEY, version ?? -1],
    queryFn: () => api<TranscriptView>("/api/transcript"),
    enabled: enabled && version !== undefined,
    staleTime: 60_000,
    // Undo then a new edit reuses a version number: a view kept for an old number would be stale.
    gcTime: 0,
    placeholderData: (prev) => prev,
  });
}

/** "Transcribe": recognition of the timeline's clips that have no words yet. */
export function useTranscribe(version: number | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<TranscriptView>("/api/transcript", { method: "POST" }),
    onSuccess: (view) => qc.setQueryData([...TRANSCRIPT_KEY, version ?? -1], view),
  });
}
