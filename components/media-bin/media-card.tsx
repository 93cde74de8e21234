"use client";

import { useState } from "react";
import { formatBytes, formatClock } from "@/lib/client/format";
import type { MediaItem } from "@/lib/media/schema";
import { Button } from "@/components/ui/button";
import { FilmIcon, ImageIcon, MusicIcon, PlusIcon, TrashIcon } from "@/components/ui/icons";
import { useT } from "@/stores/locale";

const KIND_ICON = { video: FilmIcon, image: ImageIcon, audio: MusicIcon } as const;

export function MediaCard({
  item,
  onTimeline,
  onAdd,
  onDelete,
  busy,
}: {
  item: MediaItem;
  onTimeline: boolean;
  onAdd(id: string): void;
  onDelete(id: string): void;
  busy: boolean;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [broken, setBroken] = useState(false);
  const Icon = KIND_ICON[item.kind];
  return (
    <li
      data-testid="media-item"
      data-media-id={item.id}
      className="group flex gap-2.5 rounded-lg border border-zinc-200 bg-white p-2 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="relative h-14 w-24 shrink-0 overflow-hidden rounded-md bg-zinc-200 dark:bg-zinc-800">
        {item.posterUrl && !broken ? (
          // eslint-disable-next-line @next/next/no-img-element -- session-bound media, not for the image optimizer
          <img
            src={item.posterUrl}
            alt=""
            loading="lazy"
            onError={() => setBroken(true)}
            className="h-full w-full object-cover"
            data-testid="media-poster"
          />
        ) : item.previews === "pending" && item.kind === "video" ? (
          <span
            className="flex h-full w-full animate-pulse items-center justify-center text-zinc-400"
            data-testid="media-poster-pending"
            title={t("media.thumb")}
          >
            <Icon className="h-6 w-6" />
          </span>
        ) : (
          <span className="flex h-full w-full items-center justify-center text-zinc-400">
            <Icon className="h-6 w-6" />
          </span>
        )}
        {item.kind !== "image" ? (
          <span
            className="absolute bottom-1 right-1 rounded bg-black/70 px-1 text-[10px] font-medium tabular-nums text-white"
            data-testid="media-duration"
          >
            {formatClock(item.duration)}
          </span>
        ) : null}
      </div>
      <div className="flex min-w-0 flex-1 flex-col">
        <p className="truncate text-xs font-medium" title={item.name}>
          <Icon className="mr-1 inline h-3 w-3 align-[-2px] text-zinc-400" />
          <span className="sr-only">{t(`media.kind.${item.kind}` as const)}: </span>
          {item.name}
        </p>
        <p className="mt-0.5 text-[11px] text-zinc-500 dark:text-zinc-400">
          {formatBytes(item.size)}
          {item.width ? ` · ${item.width}×${item.height}` : ""}
        </p>
        <div className="mt-auto flex flex-wrap items-center gap-1 pt-1">
          {item.proxy === "pending" ? (
            <span
              data-testid="media-preparing"
              className="rounded bg-amber-100 px-1.5 py-0.5 text-[10px] font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
            >
              {t("media.preparing")}
            </span>
          ) : null}
          {item.proxy === "failed" ? (
            <span
              className="rounded bg-zinc-100 px-1.5 py-0.5 text-[10px] text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300"
              title={t("media.noPreviewTitle")}
            >
              {t("media.noPreview")}
            </span>
          ) : null}
          {onTimeline ? (
            <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-[10px] font-medium text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-200">
              {t("media.onTimeline")}
            </span>
          ) : null}
          <span className="ml-auto flex gap-0.5">
            {confirming ? (
              <>
                <Button
                  size="xs"
                  variant="danger"
                  onClick={() => onDelete(item.id)}
                  data-testid="media-delete-confirm"
                >
                  {t("media.delete")}
                </Button>
                <Button size="xs" variant="ghost" onClick={() => setConfirming(false)}>
                  {t("media.keep")}
                </Button>
              </>
            ) : (
              <>
                <Button
                  size="xs"
                  variant="ghost"
                  disabled={busy}
                  onClick={() => onAdd(item.id)}
                  data-testid="media-add"
                  aria-label={t("media.addLabel", { name: item.name })}
                >
                  <PlusIcon className="h-3 w-3" /> {t("media.add")}
                </Button>
                <Button
                  size="icon-xs"
                  variant="ghost"
                  onClick={() => setConfirming(true)}
                  data-testid="media-delete"
                  aria-label={t("media.deleteLabel", { name: item.name })}
                >
                  <TrashIcon className="h-3 w-3" />
                </Button>
              </>
            )}
          </span>
        </div>
      </div>
    </li>
  );
}
