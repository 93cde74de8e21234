"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Project } from "@/lib/state/schema";
import { useChatStore } from "@/stores/chat";
import { usePlayerStore } from "@/stores/player";
import { usePreviewStore } from "@/stores/preview";
import { useUploadsStore } from "@/stores/uploads";
import { CREDITS_KEY } from "./use-credits";
import { EXPORTS_KEY } from "./use-exports";
import { STATE_KEY } from "./use-session-state";

/**
 * Another project was opened (or the session reconnected): what the studio shows of the
 * old one goes (conversation, preview, playhead, finished uploads) and the new one's
 * state, exports, credits and project list are fetched. `also`: the caller's own reset.
 */
export function useProjectSwitch(also?: () => void): (project: Project) => void {
  const qc = useQueryClient();
  const forgetChat = useChatStore((s) => s.forget);
  const resetPreview = usePreviewStore((s) => s.reset);
  const setTime = usePlayerStore((s) => s.setTime);
  const clearFinished = useUploadsStore((s) => s.clearFinished);
  return useCallback(
    (project: Project) => {
      forgetChat();
      resetPreview();
      setTime(0);
      clearFinished();
      also?.();
      qc.setQueryData(["connection"], (c: object | undefined) => (c ? { ...c, project } : c));
      void qc.invalidateQueries({ queryKey: STATE_KEY });
      void qc.invalidateQueries({ queryKey: EXPORTS_KEY });
      void qc.invalidateQueries({ queryKey: CREDITS_KEY });
      void qc.invalidateQueries({ queryKey: ["projects"] });
    },
    [qc, forgetChat, resetPreview, setTime, clearFinished, also],
  );
}
