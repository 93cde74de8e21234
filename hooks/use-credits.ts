"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { Credits } from "@/lib/credits/schema";

export const CREDITS_KEY = ["credits"] as const;

/** Available / reserved credits; seeded by the connect answer, refreshed after exports. */
export function useCredits(initial: Credits | undefined) {
  return useQuery({
    queryKey: CREDITS_KEY,
    queryFn: () => api<Credits>("/api/credits"),
    enabled: initial !== undefined,
    initialData: initial,
    staleTime: 10_000,
  });
}
