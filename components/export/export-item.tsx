"use client";

import { clsx } from "clsx";
import { useState } from "react";
import { formatEta } from "@/lib/client/format";
import type { ExportJob } from "@/lib/export/schema";
import { Button } from "@/components/ui/button";
import { AlertIcon, CheckIcon, DownloadIcon, LinkIcon, TrashIcon } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Spinner } from "@/components/ui/spinner";
import { useT } from "@/stores/locale";
import { presetLabel } from "./presets";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // clipboard needs a secure context or permission: show the link instead
  }
}

export interface ExportItemProps {
  job: ExportJob;
  onCancel(id: string): void;
  cancelling: boolean;
  /** Withdraws the share link (it answers 404 from then on). */
  onStopSharing?(id: string): void;
  /** Deletes the finished (or failed) export and its files. */
  onDelete?(id: string): void;
  /** The id an action is running for, if any. */
  busyId?: string | null;
}

export function ExportItem({
  job,
  onCancel,
  cancelling,
  onStopSharing,
  onDelete,
  busyId,
}: ExportItemProps) {
  const t = useT();
  const label = presetLabel(job.preset, t);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const active = job.status === "pending" || job.status === "processing";
  const shareAbs = job.shareUrl ? new URL(job.shareUrl, window.location.origin).toString() : null;
  const eta = formatEta(job.eta);
  const size = job.width && job.height ? `${job.width}×${job.height}` : null;
  return (
    <li
      data-testid="export-item"
      data-status={job.status}
      data-export-id={job.id}
      className="rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-center gap-2">
        {active ? (
          <Spinner />
        ) : job.status === "completed" ? (
          <CheckIcon className="h-4 w-4 text-emerald-500" />
        ) : (
          <AlertIcon
            className={clsx("h-4 w-4", job.status === "failed" ? "text-red-500" : "text-zinc-400")}
          />
        )}
        <span className="font-medium">{label}</span>
        {size ? <span className="text-xs text-zinc-600 dark:text-zinc-400">{size}</span> : null}
        <span
          className="ml-auto text-xs text-zinc-600 dark:text-zinc-400"
          data-testid="export-status"
          aria-live="polite"
        >
          {t(`export.status.${job.status}`)}
        </span>
      </div>
      {active ? (
        <div className="mt-2.5">
          <ProgressBar
            value={job.status === "pending" ? null : job.progress}
            label={t("export.progressLabel", { label })}
          />
          <div className="mt-1.5 flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
            <span data-testid="export-progress" className="tabular-nums">
              {Math.round(job.progress)}%
            </span>
            {eta ? <span>· {eta}</span> : null}
            <Button
              size="xs"
              variant="ghost"
              className="ml-auto"
              disabled={cancelling}
              onClick={() => onCancel(job.id)}
              data-testid="export-cancel"
              aria-label={t("export.cancelLabel", { label })}
            >
              {cancelling ? t("export.cancelling") : t("export.cancel")}
            </Button>
          </div>
        </div>
      ) : null}
      {job.status === "completed" && job.outputUrl ? (
        <div className="mt-2.5 flex flex-wrap items-center gap-1.5">
          <a
            href={job.outputUrl}
            download
            data-testid="export-download"
            className="inline-flex h-8 items-center gap-1.5 rounded-lg bg-brand px-3 text-xs font-medium text-white hover:bg-brand-dark focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
          >
            <DownloadIcon className="h-3.5 w-3.5" /> {t("export.download")}
          </a>
          {job.srtUrl ? (
            <a
              href={job.srtUrl}
              download
              data-testid="export-download-srt"
              className="inline-flex h-8 items-center rounded-lg border border-zinc-300 px-2.5 text-xs font-medium hover:bg-zinc-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              .srt
            </a>
          ) : null}
          {job.vttUrl ? (
            <a
              href={job.vttUrl}
              download
              data-testid="export-download-vtt"
              className="inline-flex h-8 items-center rounded-lg border border-zinc-300 px-2.5 text-xs font-medium hover:bg-zinc-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              .vtt
            </a>
          ) : null}
          {shareAbs ? (
            <Button
              size="sm"
              variant="secondary"
              data-testid="export-copy-share"
              data-share-url={shareAbs}
              onClick={async () => setCopied((await copyText(shareAbs)) ? "yes" : "no")}
            >
              <LinkIcon className="h-3.5 w-3.5" />{" "}
              {copied === "yes" ? t("export.copied") : t("export.copy")}
            </Button>
          ) : null}
          {shareAbs && onStopSharing ? (
            <Button
              size="sm"
              variant="ghost"
              data-testid="export-stop-sharing"
              disabled={busyId === job.id}
              onClick={() => onStopSharing(job.id)}
              aria-label={t("export.stopSharingLabel", { label })}
            >
              {t("export.stopSharing")}
            </Button>
          ) : null}
          {copied === "no" && shareAbs ? (
            <p className="w-full text-xs text-zinc-600 dark:text-zinc-400">
              {t("export.copyThis")}{" "}
              <a
                className="break-all text-brand-dark underline dark:text-indigo-300"
                href={shareAbs}
                data-testid="export-share-link"
              >
                {shareAbs}
              </a>
            </p>
          ) : null}
          <span className="sr-only" role="status">
            {copied === "yes" ? t("export.copiedSr") : ""}
          </span>
        </div>
      ) : null}
      {!active && onDelete ? (
        <div className="mt-2 flex justify-end">
          <Button
            size="xs"
            variant="ghost"
            data-testid="export-delete"
            disabled={busyId === job.id}
            onClick={() => onDelete(job.id)}
            aria-label={t("export.deleteLabel", { label })}
          >
            <TrashIcon className="h-3.5 w-3.5" /> {t("export.delete")}
          </Button>
        </div>
      ) : null}
      {(job.status === "failed" || job.status === "cancelled") && job.error ? (
        <p
          data-testid="export-error"
          className={clsx(
            "mt-2 text-xs",
            job.status === "failed"
              ? "text-red-700 dark:text-red-300"
              : "text-zinc-600 dark:text-zinc-400",
          )}
        >
          {job.error}
        </p>
      ) : null}
    </li>
  );
}
