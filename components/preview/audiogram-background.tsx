"use client";

import { clsx } from "clsx";
import { useEffect, useRef, useState } from "react";
import {
  AUDIOGRAM_COLOR,
  audiogramOf,
  type AudiogramBackground as Background,
} from "@/lib/draft/audiogram";
import type { Draft } from "@/lib/draft/schema";
import type { MediaItem } from "@/lib/media/schema";
import type { Op } from "@/lib/plan/schema";
import { Button } from "@/components/ui/button";
import { UploadIcon } from "@/components/ui/icons";
import { useT } from "@/stores/locale";

// An audio story's background, picked by hand: a solid colour, an uploaded photo, a
// video's first frame or a sound file's cover art. Each pick is the same "audiogram" op
// the chat sends, so undo/redo and every render follow. Shown only for audiograms.

/** The media that can stand behind the waveform. */
export function backgroundChoices(media: readonly MediaItem[]): MediaItem[] {
  return media.filter(
    (m) =>
      m.kind === "image" ||
      (m.kind === "video" && m.width > 0) ||
      (m.kind === "audio" && m.hasCover),
  );
}

export function AudiogramBackground({
  draft,
  media,
  onOps,
  onUpload,
  busy,
}: {
  draft: Draft | undefined;
  media: MediaItem[];
  onOps(ops: Op[]): void;
  onUpload(): void;
  busy: boolean;
}) {
  const t = useT();
  const audiogram = draft ? audiogramOf(draft) : null;
  const bg = audiogram?.background;
  const ownColor = bg && "color" in bg ? bg.color : null;
  const [color, setColor] = useState(ownColor ?? AUDIOGRAM_COLOR);
  useEffect(() => {
    if (ownColor) setColor(ownColor);
  }, [ownColor]);
  const input = useRef<HTMLInputElement>(null);
  const set = (background: Background) => onOps([{ op: "audiogram", background }]);
  const live = useRef(set);
  live.current = set;
  // The colour is sent when the picker closes ("change"), not on every step of a drag ("input").
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const commit = () => live.current({ color: el.value });
    el.addEventListener("change", commit);
    return () => el.removeEventListener("change", commit);
  }, [audiogram !== null]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!audiogram || !bg) return null;
  const choices = backgroundChoices(media);
  const option =
    "flex cursor-pointer items-center gap-1.5 rounded-md border px-2 py-1 focus-within:outline focus-within:outline-2 focus-within:outline-brand";
  const on = "border-brand bg-brand/5 dark:bg-brand/15";
  const off = "border-zinc-200 dark:border-zinc-800";
  return (
    <fieldset
      data-testid="audiogram-background"
      disabled={busy}
      className="flex flex-wrap items-center gap-1.5 rounded-lg border border-zinc-200 p-2 text-xs dark:border-zinc-800"
    >
      <legend className="px-1 text-xs font-semibold">{t("audiogram.title")}</legend>
      <label className={clsx(option, ownColor ? on : off)}>
        <input
          type="radio"
          name="audiogram-bg"
          checked={!!ownColor}
          onChange={() => set({ color })}
          className="accent-brand"
          data-testid="audiogram-bg-color"
        />
        {t("audiogram.color")}
        <input
          ref={input}
          type="color"
          value={color}
          onChange={(e) => setColor(e.target.value)}
          aria-label={t("audiogram.pickColor")}
          data-testid="audiogram-color"
          className="h-5 w-7 cursor-pointer rounded border-0 bg-transparent p-0"
        />
      </label>
      {choices.map((m) => {
        const picked = "src" in bg && bg.src === m.id;
        return (
          <label key={m.id} className={clsx(option, picked ? on : off)}>
            <input
              type="radio"
              name="audiogram-bg"
              checked={picked}
              onChange={() => set({ src: m.id })}
              className="accent-brand"
              data-testid="audiogram-bg-media"
              data-media-id={m.id}
            />
            {m.posterUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- session-bound media, not for the image optimizer
              <img src={m.posterUrl} alt="" className="h-5 w-8 rounded object-cover" />
            ) : null}
            <span className="max-w-[12rem] truncate">
              {t(
                m.kind === "image"
                  ? "audiogram.image"
                  : m.kind === "video"
                    ? "audiogram.frame"
                    : "audiogram.cover",
                { name: m.name },
              )}
            </span>
          </label>
        );
      })}
      <Button size="xs" variant="ghost" onClick={onUpload} data-testid="audiogram-upload">
        <UploadIcon className="h-3 w-3" /> {t("audiogram.upload")}
      </Button>
    </fieldset>
  );
}
