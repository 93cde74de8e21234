"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { streamChat } from "@/lib/client/chat-stream";
import { isAppError } from "@/lib/errors";
import { requestLanguage } from "@/lib/i18n/request-language";
import { translate } from "@/stores/locale";
import type { ChatEvent } from "@/lib/events/schema";
import type { ExportJob } from "@/lib/export/schema";
import { useChatStore } from "@/stores/chat";
import { useUploadsStore } from "@/stores/uploads";
import { CREDITS_KEY } from "./use-credits";
import { EXPORTS_KEY, upsertExport } from "./use-exports";
import { patchState, STATE_KEY } from "./use-session-state";
import {
  failedUploadsSentence,
  uploadsInFlight,
  waitForUploads,
  waitingLabel,
} from "./wait-for-uploads";

/** Sends a message and plays the streamed reply into the chat, timeline and export list. */
export function useChat() {
  const qc = useQueryClient();
  const abortRef = useRef<AbortController | null>(null);

  const route = useCallback(
    (event: ChatEvent) => {
      if (event.type === "draft") {
        patchState(qc, () => ({
          draft: event.draft,
          summary: event.summary,
          version: event.version,
          canUndo: true,
        }));
      } else if (event.type === "export") {
        qc.setQueryData<ExportJob[]>(EXPORTS_KEY, (list) => upsertExport(list ?? [], event.job));
        // Starting an export reserves credits: show it on the badge now, not after the turn.
        if (event.job.status === "pending") void qc.invalidateQueries({ queryKey: CREDITS_KEY });
      } else if (event.type === "credits") {
        qc.setQueryData(CREDITS_KEY, event.credits);
      }
    },
    [qc],
  );

  const send = useCallback(
    async (message: string) => {
      const text = message.trim();
      const store = useChatStore.getState();
      if (!text || store.streaming) return;
      store.addUser(text);
      const id = store.startAssistant();
      const ctrl = new AbortController();
      abortRef.current = ctrl;
      // What the studio says itself follows the request's language, like the server's reply.
      const lang = requestLanguage(text);
      try {
        const waiting = uploadsInFlight(useUploadsStore.getState().entries);
        if (waiting.length) {
          const step = (label: string, status: "running" | "done" | "failed") =>
            useChatStore.getState().apply(id, { type: "step", id: "uploads", label, status });
          const settled = await waitForUploads(
            waiting.map((e) => e.id),
            (es) => step(waitingLabel(es, lang), "running"),
            ctrl.signal,
          );
          const failed = settled.filter((e) => e.status !== "done");
          if (failed.length) {
            step(
              translate(lang, failed.length === 1 ? "wait.failedStepOne" : "wait.failedStepMany"),
              "failed",
            );
            useChatStore.getState().fail(id, "upload", failedUploadsSentence(failed, lang));
            return;
          }
          step(
            settled.length === 1
              ? translate(lang, "wait.arrivedOne", { name: settled[0].name })
              : translate(lang, "wait.arrivedMany", { n: settled.length }),
            "done",
          );
        }
        for await (const event of streamChat(text, { signal: ctrl.signal })) {
          useChatStore.getState().apply(id, event);
          route(event);
        }
      } catch (err) {
        if (ctrl.signal.aborted) {
          useChatStore.getState().fail(id, "cancelled", translate(lang, "chat.stopped"));
        } else if (isAppError(err)) {
          useChatStore.getState().fail(id, err.code, err.message);
        } else {
          useChatStore.getState().fail(id, "internal", translate(lang, "chat.failedAnswer"));
        }
      } finally {
        useChatStore.getState().finish(id);
        abortRef.current = null;
        // The turn may have changed more than its events said (messages, media, undo state).
        void qc.invalidateQueries({ queryKey: STATE_KEY });
        void qc.invalidateQueries({ queryKey: EXPORTS_KEY });
        void qc.invalidateQueries({ queryKey: CREDITS_KEY });
      }
    },
    [qc, route],
  );

  const stop = useCallback(() => abortRef.current?.abort(), []);
  return { send, stop };
}
