"use client";

import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api } from "@/lib/client/api";
import type { ExportJob, StartExport } from "@/lib/export/schema";
import { usePreviewStore } from "@/stores/preview";
import { CREDITS_KEY } from "./use-credits";
import { STATE_KEY } from "./use-session-state";

export const EXPORTS_KEY = ["exports"] as const;
const POLL_MS = 1_500;

export function isActive(job: ExportJob): boolean {
  return job.status === "pending" || job.status === "processing";
}

/** Replaces a job by id (or adds it), newest first. */
export function upsertExport(list: ExportJob[], job: ExportJob): ExportJob[] {
  const rest = list.filter((j) => j.id !== job.id);
  return [job, ...rest].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Every export of the session (they survive a closed tab: the list comes from the
 * server), with running ones polled every 1.5 s until they finish.
 */
export function useExports(enabled: boolean) {
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: EXPORTS_KEY,
    queryFn: () => api<{ exports: ExportJob[] }>("/api/exports").then((r) => r.exports),
    enabled,
  });
  const active = (list.data ?? []).filter(isActive);
  useQueries({
    queries: active.map((job) => ({
      queryKey: ["export", job.id],
      queryFn: async () => {
        const fresh = await api<ExportJob>(`/api/exports/${encodeURIComponent(job.id)}`);
        qc.setQueryData<ExportJob[]>(EXPORTS_KEY, (l) => upsertExport(l ?? [], fresh));
        return fresh;
      },
      refetchInterval: POLL_MS,
      gcTime: 0,
    })),
  });

  // When a job finishes: credits moved, and a finished preview becomes playable.
  const seen = useRef(new Map<string, ExportJob["status"]>());
  useEffect(() => {
    let settled = false;
    for (const job of list.data ?? []) {
      const before = seen.current.get(job.id);
      seen.current.set(job.id, job.status);
      if (before && before !== job.status && !isActive(job)) settled = true;
    }
    if (settled) {
      void qc.invalidateQueries({ queryKey: CREDITS_KEY });
      void qc.invalidateQueries({ queryKey: STATE_KEY });
    }
  }, [list.data, qc]);

  return list;
}

export function useExportActions() {
  const qc = useQueryClient();
  const put = (job: ExportJob) =>
    qc.setQueryData<ExportJob[]>(EXPORTS_KEY, (l) => upsertExport(l ?? [], job));
  const start = useMutation({
    mutationFn: (input: StartExport & { version?: number }) =>
      api<ExportJob>("/api/exports", {
        method: "POST",
        json: { preset: input.preset, preview: input.preview },
      }),
    onSuccess: (job, input) => {
      // Previews are not in the export list (the server does not list them either).
      if (input.preview) return usePreviewStore.getState().track(job.id, input.version ?? 0);
      put(job);
      void qc.invalidateQueries({ queryKey: CREDITS_KEY });
    },
  });
  const cancel = useMutation({
    mutationFn: (id: string) =>
      api<ExportJob>(`/api/exports/${encodeURIComponent(id)}/cancel`, { method: "POST" }),
    onSuccess: (job) => {
      put(job);
      void qc.invalidateQueries({ queryKey: CREDITS_KEY });
    },
  });
  const stopSharing = useMutation({
    mutationFn: (id: string) =>
      api<ExportJob>(`/api/exports/${encodeURIComponent(id)}/share`, { method: "DELETE" }),
    onSuccess: put,
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      await api<{ deleted: string }>(`/api/exports/${encodeURIComponent(id)}`, {
        method: "DELETE",
      });
      return id;
    },
    onSuccess: (id) =>
      qc.setQueryData<ExportJob[]>(EXPORTS_KEY, (l) => (l ?? []).filter((j) => j.id !== id)),
  });
  return { start, cancel, stopSharing, remove };
}
