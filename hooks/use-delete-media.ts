"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { api } from "@/lib/client/api";
import { isAppError } from "@/lib/errors";
import { STATE_KEY, patchState } from "./use-session-state";

/** Deletes a media item: gone from the bin at once, then the state is fetched again. `error`: the last failure's sentence. */
export function useDeleteMedia(): { remove(id: string): Promise<void>; error: string | null } {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const remove = useCallback(
    async (id: string) => {
      setError(null);
      try {
        await api(`/api/media/${encodeURIComponent(id)}`, { method: "DELETE" });
        patchState(qc, (st) => ({ media: st.media.filter((m) => m.id !== id) }));
        void qc.invalidateQueries({ queryKey: STATE_KEY });
      } catch (err) {
        setError(isAppError(err) ? err.message : "Something went wrong. Please try again.");
      }
    },
    [qc],
  );
  return { remove, error };
}
