"use client";

import { clsx } from "clsx";
import { useEffect, useState } from "react";
import type { ExportJob } from "@/lib/export/schema";
import type { Aspect } from "@/lib/draft/schema";
import type { ExportPreset } from "@/lib/plan/schema";
import { Button } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import { useT } from "@/stores/locale";
import { ExportItem } from "./export-item";
import { PRESET_OPTIONS, presetForDraft } from "./presets";

export function ExportPanel({
  jobs,
  onStart,
  onCancel,
  onStopSharing,
  onDelete,
  busyId,
  starting,
  cancellingId,
  error,
  canExport,
  defaultPreset,
  draftAspect,
  onReframe,
}: {
  jobs: ExportJob[];
  onStart(preset: ExportPreset): void;
  onCancel(id: string): void;
  onStopSharing?(id: string): void;
  onDelete?(id: string): void;
  busyId?: string | null;
  starting: boolean;
  cancellingId: string | null;
  error: string | null;
  canExport: boolean;
  defaultPreset?: string;
  /** The timeline's frame shape: the selected preset follows it ("make it vertical" selects Shorts). */
  draftAspect?: string;
  /** Picking a preset of another shape reframes the timeline to it (an ordinary, undoable edit). */
  onReframe?(aspect: Aspect): void;
}) {
  const t = useT();
  const [preset, setPreset] = useState<ExportPreset>(() =>
    presetForDraft(draftAspect, defaultPreset),
  );
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    setPreset((current) => {
      const want = presetForDraft(draftAspect, defaultPreset);
      const fits = PRESET_OPTIONS.find((p) => p.id === current)?.aspect === (draftAspect ?? "16:9");
      return defaultPreset && want !== current ? want : fits ? current : want;
    });
  }, [draftAspect, defaultPreset]);
  function pick(id: ExportPreset) {
    setPreset(id);
    const chosen = PRESET_OPTIONS.find((p) => p.id === id)!;
    if (draftAspect && onReframe && chosen.aspect !== draftAspect && canExport) {
      onReframe(chosen.aspect);
      setNote(
        t("export.reframed", {
          from: draftAspect,
          to: chosen.aspect,
          label: t(`preset.${chosen.id}.label`),
        }),
      );
    } else setNote(null);
  }
  return (
    <section
      aria-label={t("export.title")}
      data-testid="export-panel"
      className="flex flex-col gap-3"
    >
      <h2 className="text-sm font-semibold">{t("export.title")}</h2>
      <fieldset className="grid gap-1.5 sm:grid-cols-2">
        <legend className="sr-only">{t("export.format")}</legend>
        {PRESET_OPTIONS.map((p) => (
          <label
            key={p.id}
            className={clsx(
              "flex cursor-pointer gap-2 rounded-lg border p-2.5 text-xs transition-colors focus-within:outline focus-within:outline-2 focus-within:outline-brand",
              preset === p.id
                ? "border-brand bg-brand/5 dark:bg-brand/15"
                : "border-zinc-200 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900",
            )}
          >
            <input
              type="radio"
              name="export-preset"
              value={p.id}
              checked={preset === p.id}
              onChange={() => pick(p.id)}
              className="mt-0.5 accent-brand"
              data-testid={`preset-${p.id}`}
            />
            <span>
              <span className="font-medium">{t(`preset.${p.id}.label`)}</span>{" "}
              <span className="text-zinc-600 dark:text-zinc-400">{p.size}</span>
              <span className="mt-0.5 block text-zinc-500 dark:text-zinc-400">
                {t(`preset.${p.id}.note`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {note ? (
        <p
          role="status"
          data-testid="export-reframe-note"
          className="rounded-md bg-brand/10 p-2 text-xs text-zinc-800 dark:bg-brand/20 dark:text-zinc-100"
        >
          {note}
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        <Button
          variant="primary"
          onClick={() => onStart(preset)}
          disabled={!canExport || starting}
          data-testid="export-start"
        >
          <DownloadIcon className="h-4 w-4" /> {starting ? t("export.starting") : t("export.start")}
        </Button>
        {!canExport ? (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">{t("export.needClip")}</span>
        ) : null}
      </div>
      {error ? (
        <p
          role="alert"
          data-testid="export-start-error"
          className="rounded-md bg-red-50 p-2 text-xs text-red-800 dark:bg-red-950/50 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      {jobs.length ? (
        <ul className="flex flex-col gap-2" aria-label={t("export.list")} data-testid="export-list">
          {jobs.map((j) => (
            <ExportItem
              key={j.id}
              job={j}
              onCancel={onCancel}
              cancelling={cancellingId === j.id}
              onStopSharing={onStopSharing}
              onDelete={onDelete}
              busyId={busyId}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
