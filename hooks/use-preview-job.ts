"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "@/lib/client/api";
import type { ExportJob } from "@/lib/export/schema";
import { usePreviewStore } from "@/stores/preview";
import { isActive } from "./use-exports";
import { STATE_KEY } from "./use-session-state";

/** Follows the newest preview render until it is done, then hands its URL to the player. */
export function usePreviewJob(): ExportJob | null {
  const qc = useQueryClient();
  const id = usePreviewStore((s) => s.jobIds[s.jobIds.length - 1] ?? null);
  const { data } = useQuery({
    queryKey: ["preview-job", id],
    queryFn: () => api<ExportJob>(`/api/exports/${encodeURIComponent(id!)}`),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 1_500),
  });
  useEffect(() => {
    if (data?.status === "completed" && data.outputUrl) {
      usePreviewStore.getState().done(data.id, data.outputUrl);
      void qc.invalidateQueries({ queryKey: STATE_KEY });
    }
  }, [data, qc]);
  return data && isActive(data) ? data : null;
}
