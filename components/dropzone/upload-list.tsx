"use client";

import { clsx } from "clsx";
import { formatBytes, formatEta, transferEta } from "@/lib/client/format";
import { useUploadsStore, type UploadEntry } from "@/stores/uploads";
import { Button } from "@/components/ui/button";
import { AlertIcon, CheckIcon, XIcon } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Spinner } from "@/components/ui/spinner";
import { useT, type Translate } from "@/stores/locale";

function statusText(e: UploadEntry, t: Translate): string {
  const pct = e.size ? Math.round((e.loaded / e.size) * 100) : 0;
  switch (e.status) {
    case "uploading": {
      const left = formatEta(
        transferEta(e.loaded - e.resumedFrom, e.size - e.resumedFrom, Date.now() - e.startedAt),
      );
      const resumed =
        e.resumedFrom > 0
          ? t("upload.resumed", { pct: Math.floor((e.resumedFrom / e.size) * 100) })
          : "";
      return `${resumed}${t("upload.progress", { pct, size: formatBytes(e.size) })}${left ? ` · ${left}` : ""}`;
    }
    case "processing":
      return t("upload.checking");
    case "done":
      return t("upload.done");
    case "cancelled":
      return t("upload.cancelled");
    default:
      return e.message ?? t("upload.failed");
  }
}

function UploadRow({ entry, onCancel }: { entry: UploadEntry; onCancel(id: string): void }) {
  const t = useT();
  const dismiss = useUploadsStore((s) => s.dismiss);
  const busy = entry.status === "uploading" || entry.status === "processing";
  const bad = entry.status === "failed" || entry.status === "refused";
  return (
    <li
      data-testid="upload-item"
      data-status={entry.status}
      data-resumed-from={entry.resumedFrom || undefined}
      className="rounded-lg border border-zinc-200 bg-white p-2.5 text-xs dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-center gap-2">
        {busy ? (
          <Spinner className="h-3.5 w-3.5" />
        ) : bad ? (
          <AlertIcon className="h-3.5 w-3.5 text-red-500" />
        ) : entry.status === "done" ? (
          <CheckIcon className="h-3.5 w-3.5 text-emerald-500" />
        ) : (
          <XIcon className="h-3.5 w-3.5 text-zinc-400" />
        )}
        <span className="min-w-0 flex-1 truncate font-medium" title={entry.name}>
          {entry.name}
        </span>
        {busy ? (
          <Button
            data-testid="upload-cancel"
            size="xs"
            variant="ghost"
            onClick={() => onCancel(entry.id)}
            aria-label={t("upload.cancelLabel", { name: entry.name })}
          >
            {t("upload.cancel")}
          </Button>
        ) : (
          <button
            type="button"
            onClick={() => dismiss(entry.id)}
            aria-label={t("upload.dismiss", { name: entry.name })}
            className="rounded p-0.5 text-zinc-400 hover:text-zinc-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:hover:text-zinc-200"
          >
            <XIcon className="h-3.5 w-3.5" />
          </button>
        )}
      </div>
      {busy ? (
        <ProgressBar
          className="mt-2"
          label={t("upload.progressLabel", { name: entry.name })}
          value={
            entry.status === "processing"
              ? null
              : entry.size
                ? (entry.loaded / entry.size) * 100
                : 0
          }
        />
      ) : null}
      {/* Announce outcomes, not every percent. */}
      <span className="sr-only" aria-live="polite">
        {busy ? "" : `${entry.name}: ${statusText(entry, t)}`}
      </span>
      <p
        data-testid="upload-status"
        className={clsx(
          "mt-1.5 leading-snug",
          bad ? "text-red-700 dark:text-red-300" : "text-zinc-500 dark:text-zinc-400",
        )}
      >
        {statusText(entry, t)}
      </p>
    </li>
  );
}

export function UploadList({ onCancel }: { onCancel(id: string): void }) {
  const t = useT();
  const entries = useUploadsStore((s) => s.entries);
  const clearFinished = useUploadsStore((s) => s.clearFinished);
  if (entries.length === 0) return null;
  const finished = entries.filter((e) => e.status === "done" || e.status === "cancelled").length;
  return (
    <div className="flex flex-col gap-1">
      {finished > 1 ? (
        <button
          type="button"
          onClick={clearFinished}
          className="self-end rounded text-[11px] text-zinc-600 dark:text-zinc-400 hover:text-zinc-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:hover:text-zinc-200"
        >
          {t("upload.clear")}
        </button>
      ) : null}
      <ul aria-label={t("upload.list")} data-testid="upload-list" className="flex flex-col gap-1.5">
        {entries.map((e) => (
          <UploadRow key={e.id} entry={e} onCancel={onCancel} />
        ))}
      </ul>
    </div>
  );
}
