"use client";

import type { Aspect } from "@/lib/draft/schema";
import type { ExportJob } from "@/lib/export/schema";
import type { ExportPreset } from "@/lib/plan/schema";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useT } from "@/stores/locale";

/** A preview render in the timeline's own shape. */
export function previewPresetFor(aspect: Aspect): ExportPreset {
  return aspect === "9:16"
    ? "shorts"
    : aspect === "1:1"
      ? "square"
      : aspect === "4:5"
        ? "portrait"
        : "youtube";
}

/** "Render preview": a low-resolution render of the timeline, free of credits. */
export function PreviewRenderButton({
  job,
  disabled,
  fresh,
  onRender,
}: {
  job: ExportJob | null;
  disabled: boolean;
  fresh: boolean;
  onRender(): void;
}) {
  const t = useT();
  if (job) {
    return (
      <span
        data-testid="preview-rendering"
        className="inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400"
        role="status"
      >
        <Spinner className="h-3.5 w-3.5" /> {t("render.progress", { n: Math.round(job.progress) })}
      </span>
    );
  }
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={onRender}
      disabled={disabled}
      data-testid="preview-render"
      title={t("render.title")}
    >
      {fresh ? t("render.again") : t("render.start")}
    </Button>
  );
}
