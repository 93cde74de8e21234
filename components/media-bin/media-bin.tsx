"use client";

import { useMemo } from "react";
import type { Draft } from "@/lib/draft/schema";
import type { MediaItem } from "@/lib/media/schema";
import { Button } from "@/components/ui/button";
import { PlusIcon, UploadIcon } from "@/components/ui/icons";
import { MAX_UPLOAD_BYTES, formatLimit } from "@/lib/client/check-file";
import { useT } from "@/stores/locale";
import { MediaCard } from "./media-card";

export function MediaBin({
  media,
  draft,
  onUpload,
  onAdd,
  onDelete,
  busy,
  error,
  children,
  maxUploadBytes = MAX_UPLOAD_BYTES,
}: {
  media: MediaItem[];
  draft: Draft | undefined;
  onUpload(): void;
  onAdd(ids: string[] | undefined): void;
  onDelete(id: string): void;
  busy: boolean;
  error: string | null;
  /** Upload list and URL import, shown under the header. */
  children?: React.ReactNode;
  maxUploadBytes?: number;
}) {
  const t = useT();
  const used = useMemo(
    () =>
      new Set((draft?.t ?? []).flatMap((t) => t.sg.map((s) => ("src" in s ? String(s.src) : "")))),
    [draft],
  );
  return (
    <section
      aria-label={t("media.title")}
      data-testid="media-bin"
      className="flex min-h-0 flex-col gap-2.5"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">
          {t("media.title")}{" "}
          <span className="font-normal text-zinc-600 dark:text-zinc-400">
            {media.length ? `(${media.length})` : ""}
          </span>
        </h2>
        <div className="flex gap-1.5">
          {media.length > 1 ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => onAdd(undefined)}
              disabled={busy}
              data-testid="media-add-all"
            >
              <PlusIcon className="h-3.5 w-3.5" /> {t("media.addAll")}
            </Button>
          ) : null}
          <Button size="sm" variant="primary" onClick={onUpload} data-testid="upload-button">
            <UploadIcon className="h-3.5 w-3.5" /> {t("media.upload")}
          </Button>
        </div>
      </div>
      {children}
      {error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-2 text-xs text-red-800 dark:bg-red-950/50 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      {media.length === 0 ? (
        <button
          type="button"
          onClick={onUpload}
          data-testid="dropzone"
          className="flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-500 transition-colors hover:border-brand hover:text-brand focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:border-zinc-700 dark:text-zinc-400"
        >
          <UploadIcon className="h-6 w-6" />
          <span className="font-medium">{t("media.drop")}</span>
          <span className="text-xs">
            {t("media.types")}
            <span className="whitespace-nowrap">
              {t("media.upTo", { size: formatLimit(maxUploadBytes) })}
            </span>
          </span>
        </button>
      ) : (
        <ul className="flex min-h-0 flex-col gap-1.5 overflow-y-auto" aria-label={t("media.list")}>
          {media.map((m) => (
            <MediaCard
              key={m.id}
              item={m}
              onTimeline={used.has(m.id)}
              onAdd={(id) => onAdd([id])}
              onDelete={onDelete}
              busy={busy}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
