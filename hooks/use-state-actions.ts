"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { Op } from "@/lib/plan/schema";
import type { SessionState } from "@/lib/state/schema";
import { STATE_KEY } from "./use-session-state";

/** Undo, redo and direct edits: each answers with the whole new state. */
export function useStateActions() {
  const qc = useQueryClient();
  const onSuccess = (s: SessionState) => qc.setQueryData(STATE_KEY, s);
  const undo = useMutation({
    mutationFn: () => api<SessionState>("/api/state/undo", { method: "POST" }),
    onSuccess,
  });
  const redo = useMutation({
    mutationFn: () => api<SessionState>("/api/state/redo", { method: "POST" }),
    onSuccess,
  });
  const applyOps = useMutation({
    mutationFn: (ops: Op[]) =>
      api<SessionState>("/api/state/ops", { method: "POST", json: { ops } }),
    onSuccess,
  });
  return { undo, redo, applyOps };
}
