"use client";

import { clsx } from "clsx";
import { useEffect, useMemo, useState } from "react";
import { mainVideoSegments } from "@/lib/client/timeline-math";
import { isAppError } from "@/lib/errors";
import type { ExportPreset } from "@/lib/plan/schema";
import { ChatPanel } from "@/components/chat/chat-panel";
import { PageDropzone } from "@/components/dropzone/page-dropzone";
import { MAX_UPLOAD_BYTES } from "@/lib/client/check-file";
import { UploadList } from "@/components/dropzone/upload-list";
import { UrlImport } from "@/components/dropzone/url-import";
import { ExportPanel } from "@/components/export/export-panel";
import { MediaBin } from "@/components/media-bin/media-bin";
import { AudiogramBackground } from "@/components/preview/audiogram-background";
import { PreviewPlayer } from "@/components/preview/preview-player";
import { Timeline } from "@/components/timeline/timeline";
import { useAutoPreview } from "@/hooks/use-auto-preview";
import { useChat } from "@/hooks/use-chat";
import { useConnection } from "@/hooks/use-connection";
import { useDeleteMedia } from "@/hooks/use-delete-media";
import { useCredits } from "@/hooks/use-credits";
import { useEarlyFiles } from "@/hooks/use-early-files";
import { isActive, useExportActions, useExports } from "@/hooks/use-exports";
import { useMediaPoll } from "@/hooks/use-media-poll";
import { usePreviewJob } from "@/hooks/use-preview-job";
import { useProjectSwitch } from "@/hooks/use-project-switch";
import { useSessionState } from "@/hooks/use-session-state";
import { useSessionStores } from "@/hooks/use-session-stores";
import { useShortcuts } from "@/hooks/use-shortcuts";
import { useStateActions } from "@/hooks/use-state-actions";
import { useTranscript } from "@/hooks/use-transcript";
import { useUploads, type UploadMode } from "@/hooks/use-uploads";
import { useChatStore } from "@/stores/chat";
import { usePlayerStore } from "@/stores/player";
import { usePreviewStore } from "@/stores/preview";
import { useT } from "@/stores/locale";
import { Header } from "./header";
import { MobileTabs, type StudioTab } from "./mobile-tabs";
import { SideTabs, type SideTab } from "./side-tabs";
import { TranscriptPanel } from "@/components/transcript/transcript-panel";
import { PreviewRenderButton, previewPresetFor } from "./preview-render-button";

/**
 * `maxUploadBytes`: the server's per-file limit (MAX_UPLOAD_MB), so a file over it is refused before it is sent.
 * `uploadMode`: resumable (tus) uploads when the backend has them, and their request size.
 */
export function Studio({
  maxUploadBytes = MAX_UPLOAD_BYTES,
  uploadMode,
}: {
  maxUploadBytes?: number;
  uploadMode?: UploadMode;
}) {
  const t = useT();
  const message = (err: unknown) =>
    err ? (isAppError(err) ? err.message : t("studio.error")) : null;
  const connection = useConnection();
  const ready = connection.isSuccess;
  const state = useSessionState(ready);
  const credits = useCredits(connection.data?.credits);
  const exportsQ = useExports(ready);
  const { send, stop } = useChat();
  const uploads = useUploads(maxUploadBytes, uploadMode);
  const { undo, redo, applyOps } = useStateActions();
  const { start, cancel, stopSharing, remove } = useExportActions();
  const streaming = useChatStore((s) => s.streaming);
  const previewReady = usePreviewStore((s) => s.ready);
  const previewJob = usePreviewJob();
  const [tab, setTab] = useState<StudioTab>("edit");
  // The right column on wide screens: the chat or the transcript (phones pick with the tabs).
  const [side, setSide] = useState<SideTab>("chat");
  const [notice, setNotice] = useState<string | null>(null);
  const deleteMedia = useDeleteMedia();

  const seek = usePlayerStore((p) => p.seek);
  const togglePlay = usePlayerStore((p) => p.togglePlay);

  const s = state.data;
  useMediaPoll(s?.media);
  useSessionStores(s);
  const takeFiles = useEarlyFiles(ready, uploads.upload);

  const allJobs = exportsQ.data ?? s?.exports ?? [];
  const jobs = allJobs;
  const hasVideo = !!s && mainVideoSegments(s.draft).length > 0;
  // The transcript panel reads the same query: dragged edges snap to its word boundaries.
  const transcript = useTranscript(s?.version, ready && hasVideo);
  const words = useMemo(
    () => (transcript.data?.tokens ?? []).flatMap((w) => (w.type === "word" ? [w] : [])),
    [transcript.data],
  );
  const renderedUrl =
    previewReady && s && previewReady.version === s.version ? previewReady.url : null;

  function startPreview() {
    if (!s) return;
    start.mutate({ preset: previewPresetFor(s.draft.m.aspect), preview: true, version: s.version });
  }

  const autoPreview = useAutoPreview({
    version: s?.version,
    streaming,
    rendering: allJobs.some(isActive) || !!previewJob || start.isPending,
    hasVideo,
    renderedUrl,
    local: connection.data?.backend === "local",
    start: startPreview,
  });
  const switched = useProjectSwitch(autoPreview.reset);

  useShortcuts({
    togglePlay,
    undo: () => s?.canUndo && !undo.isPending && undo.mutate(),
    redo: () => s?.canRedo && !redo.isPending && redo.mutate(),
  });

  const actionError = message(undo.error ?? redo.error ?? applyOps.error);
  useEffect(() => {
    if (actionError) setNotice(actionError);
  }, [actionError]);

  const status = connection.isPending ? "connecting" : connection.isError ? "offline" : "ready";
  const panel = (id: StudioTab) => (tab === id ? "flex" : "hidden lg:flex");
  const runningExports = jobs.filter(isActive).length;

  return (
    <PageDropzone
      onFiles={takeFiles}
      onRefused={(f, why) => uploads.refuse(f, why)}
      disabled={connection.isError}
      maxBytes={maxUploadBytes}
    >
      {(openPicker) => (
        <>
          <Header
            status={status}
            backend={connection.data?.backend}
            credits={credits.data}
            project={s?.project ?? connection.data?.project}
            onSwitched={switched}
            onExport={() => {
              setTab("export");
              requestAnimationFrame(() => {
                const panel = document.getElementById("export-panel");
                panel?.scrollIntoView({ behavior: "smooth", block: "start" });
                panel
                  ?.querySelector<HTMLInputElement>("input:checked")
                  ?.focus({ preventScroll: true });
              });
            }}
          />
          <MobileTabs
            tab={tab}
            onTab={(x) => {
              setTab(x);
              if (x === "chat" || x === "transcript") setSide(x);
            }}
            badges={{
              export: runningExports ? String(runningExports) : undefined,
              media: s?.media.length ? String(s.media.length) : undefined,
            }}
          />
          {connection.isError ? (
            <div
              role="alert"
              className="m-3 flex flex-wrap items-center gap-3 rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950/60 dark:text-red-200"
            >
              <span>{connection.error.message}</span>
              <button
                type="button"
                className="font-medium underline"
                onClick={() => void connection.refetch()}
              >
                {t("studio.retry")}
              </button>
            </div>
          ) : null}
          {connection.data?.notice || notice || state.isError ? (
            <div
              role="status"
              data-testid="notice"
              className="mx-3 mt-3 flex items-start gap-3 rounded-lg border border-amber-200 bg-amber-50 p-2.5 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-100"
            >
              <span className="flex-1">
                {notice ?? message(state.error) ?? connection.data?.notice}
              </span>
              {notice ? (
                <button
                  type="button"
                  className="text-xs font-medium underline"
                  onClick={() => setNotice(null)}
                >
                  {t("studio.dismiss")}
                </button>
              ) : state.isError ? (
                <button
                  type="button"
                  className="text-xs font-medium underline"
                  onClick={() => void state.refetch()}
                >
                  {t("studio.reload")}
                </button>
              ) : null}
            </div>
          ) : null}
          <main className="grid flex-1 gap-3 p-3 lg:h-[calc(100dvh-49px)] lg:min-h-0 lg:flex-none lg:grid-cols-[300px_minmax(0,1fr)_380px] lg:grid-rows-[minmax(0,1fr)] lg:gap-4 lg:overflow-hidden lg:p-4">
            <div
              className={clsx(panel("media"), "min-h-0 flex-col gap-4 lg:overflow-y-auto lg:pr-1")}
            >
              <MediaBin
                maxUploadBytes={maxUploadBytes}
                media={s?.media ?? []}
                draft={s?.draft}
                onUpload={openPicker}
                onAdd={(ids) => applyOps.mutate([{ op: "add_clips", mediaIds: ids }])}
                onDelete={(id) => void deleteMedia.remove(id)}
                busy={applyOps.isPending || !s}
                error={deleteMedia.error}
              >
                <UploadList onCancel={uploads.cancel} />
                <UrlImport onImport={uploads.importUrls} />
              </MediaBin>
            </div>
            <div
              className={clsx(
                "min-h-0 min-w-0 flex-col gap-4 lg:overflow-y-auto lg:pr-1",
                tab === "edit" || tab === "export" ? "flex" : "hidden lg:flex",
              )}
            >
              <div
                className={clsx(
                  tab === "edit" ? "flex" : "hidden lg:flex",
                  "min-w-0 flex-col gap-4",
                )}
              >
                <PreviewPlayer
                  draft={s?.draft}
                  version={s?.version}
                  media={s?.media ?? []}
                  renderedUrl={renderedUrl}
                  onOps={(ops) => applyOps.mutate(ops)}
                  footer={
                    <PreviewRenderButton
                      job={previewJob}
                      disabled={!hasVideo || start.isPending}
                      fresh={!!renderedUrl}
                      onRender={startPreview}
                    />
                  }
                />
                <AudiogramBackground
                  draft={s?.draft}
                  media={s?.media ?? []}
                  onOps={(ops) => applyOps.mutate(ops)}
                  onUpload={openPicker}
                  busy={applyOps.isPending || streaming}
                />
                <Timeline
                  draft={s?.draft}
                  media={s?.media ?? []}
                  summary={s?.summary ?? ""}
                  canUndo={!!s?.canUndo}
                  canRedo={!!s?.canRedo}
                  onUndo={() => undo.mutate()}
                  onRedo={() => redo.mutate()}
                  onSeek={seek}
                  onOps={(ops) => applyOps.mutate(ops)}
                  busy={undo.isPending || redo.isPending || applyOps.isPending || streaming}
                  words={words}
                />
              </div>
              <div
                id="export-panel"
                className={clsx(
                  panel("export"),
                  "scroll-mt-3 flex-col rounded-xl border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900/50",
                )}
              >
                <ExportPanel
                  jobs={jobs}
                  onStart={(preset: ExportPreset) => start.mutate({ preset, preview: false })}
                  onCancel={(id) => cancel.mutate(id)}
                  onStopSharing={(id) => stopSharing.mutate(id)}
                  onDelete={(id) => remove.mutate(id)}
                  busyId={
                    stopSharing.isPending
                      ? (stopSharing.variables ?? null)
                      : remove.isPending
                        ? (remove.variables ?? null)
                        : null
                  }
                  starting={start.isPending}
                  cancellingId={cancel.isPending ? (cancel.variables ?? null) : null}
                  error={message(start.error ?? cancel.error ?? stopSharing.error ?? remove.error)}
                  canExport={hasVideo}
                  defaultPreset={s?.draft.m.preset}
                  draftAspect={s?.draft.m.aspect}
                  onReframe={(ratio) => applyOps.mutate([{ op: "aspect", ratio }])}
                />
              </div>
            </div>
            <div
              className={clsx(
                tab === "chat" || tab === "transcript" ? "flex" : "hidden lg:flex",
                "min-h-[70dvh] flex-col rounded-xl border border-zinc-200 bg-white p-3 lg:min-h-0 dark:border-zinc-800 dark:bg-zinc-900/50",
              )}
            >
              <SideTabs
                side={side}
                onSide={(x) => {
                  setSide(x);
                  setTab(x);
                }}
              />
              <div
                className={clsx(
                  tab === "chat" ? "flex" : "hidden",
                  side === "chat" ? "lg:flex" : "lg:hidden",
                  "min-h-0 flex-1 flex-col",
                )}
              >
                <ChatPanel
                  onSend={(text) => void send(text)}
                  onStop={stop}
                  onReconnect={() => switched(s?.project ?? connection.data!.project)}
                  disabled={!ready || !s}
                  registerUrl={credits.data?.registerUrl}
                />
              </div>
              <div
                className={clsx(
                  tab === "transcript" ? "flex" : "hidden",
                  side === "transcript" ? "lg:flex" : "lg:hidden",
                  "min-h-0 flex-1 flex-col",
                )}
              >
                <TranscriptPanel
                  version={s?.version}
                  enabled={ready && hasVideo}
                  onOps={(ops) => applyOps.mutateAsync(ops)}
                  onSeek={seek}
                  busy={applyOps.isPending || streaming}
                />
              </div>
            </div>
          </main>
        </>
      )}
    </PageDropzone>
  );
}
