"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { ConnectResult } from "@/lib/state/schema";

/** Connects the visitor (token + session in the httpOnly cookie) and keeps the answer. */
export function useConnection() {
  return useQuery({
    queryKey: ["connection"],
    queryFn: () => api<ConnectResult>("/api/session", { method: "POST" }),
    retry: 2,
    staleTime: Infinity,
  });
}
