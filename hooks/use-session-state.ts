"use client";

import { useQuery, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { SessionState } from "@/lib/state/schema";

export const STATE_KEY = ["state"] as const;

/** The session's timeline, media, exports and history; loaded once connected. */
export function useSessionState(enabled: boolean) {
  return useQuery({
    queryKey: STATE_KEY,
    queryFn: () => api<SessionState>("/api/state"),
    enabled,
    staleTime: 5_000,
  });
}

/** Changes the cached state in place (a draft event, a fresh media list) without a refetch. */
export function patchState(
  qc: QueryClient,
  patch: (s: SessionState) => Partial<SessionState>,
): void {
  qc.setQueryData<SessionState>(STATE_KEY, (s) => (s ? { ...s, ...patch(s) } : s));
}
