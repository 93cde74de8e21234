"use client";

import { useEffect } from "react";
import type { SessionState } from "@/lib/state/schema";
import { useChatStore } from "@/stores/chat";
import { usePreviewStore } from "@/stores/preview";

/** The loaded session's saved conversation and preview go into the stores that show them. */
export function useSessionStores(s: SessionState | undefined): void {
  const hydrate = useChatStore((st) => st.hydrate);
  const adopt = usePreviewStore((st) => st.adopt);
  useEffect(() => {
    if (s) hydrate(s.project.id, s.messages);
  }, [s, hydrate]);
  const previewUrl = s?.previewUrl;
  const version = s?.version;
  useEffect(() => {
    if (previewUrl && version !== undefined) adopt(previewUrl, version);
  }, [previewUrl, version, adopt]);
}
