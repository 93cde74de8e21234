"use client";

import { useDropzone, type FileRejection } from "react-dropzone";
import {
  DROPZONE_ACCEPT,
  MAX_UPLOAD_BYTES,
  formatLimit,
  refusalReason,
} from "@/lib/client/check-file";
import { UploadIcon } from "@/components/ui/icons";
import { translate, useLocaleStore, useT } from "@/stores/locale";

/** The sentence for a file react-dropzone refused, in our words rather than its own. */
export function rejectionSentence(rejection: FileRejection, maxBytes = MAX_UPLOAD_BYTES): string {
  const locale = useLocaleStore.getState().locale;
  const ours = refusalReason(rejection.file, maxBytes);
  if (ours) return ours;
  const code = rejection.errors[0]?.code;
  if (code === "file-invalid-type")
    return `${translate(locale, "drop.badType")} ${translate(locale, "drop.accepted")}`;
  if (code === "file-too-large")
    return translate(locale, "drop.tooLarge", { size: formatLimit(maxBytes) });
  return rejection.errors[0]?.message ?? translate(locale, "drop.cant");
}

/**
 * The whole page is a drop target (with an overlay while dragging); `children` gets
 * `openPicker` so an Upload button can open the file dialog too.
 */
export function PageDropzone({
  children,
  onFiles,
  onRefused,
  disabled,
  maxBytes = MAX_UPLOAD_BYTES,
}: {
  children: (openPicker: () => void) => React.ReactNode;
  onFiles(files: File[]): void;
  onRefused(file: File, reason: string): void;
  disabled: boolean;
  /** The server's per-file limit (MAX_UPLOAD_MB). */
  maxBytes?: number;
}) {
  const t = useT();
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    accept: DROPZONE_ACCEPT,
    maxSize: maxBytes,
    multiple: true,
    noClick: true,
    noKeyboard: true,
    disabled,
    onDrop(accepted, rejections) {
      if (accepted.length) onFiles(accepted);
      for (const r of rejections) onRefused(r.file, rejectionSentence(r, maxBytes));
    },
  });

  return (
    <div
      {...getRootProps({
        className: "relative flex min-h-dvh flex-col",
        "data-testid": "page-dropzone",
      } as React.HTMLAttributes<HTMLDivElement>)}
    >
      <input
        {...getInputProps({
          "aria-label": t("drop.choose"),
        } as React.InputHTMLAttributes<HTMLInputElement>)}
        data-testid="file-input"
      />
      {children(open)}
      {isDragActive ? (
        <div
          data-testid="drop-overlay"
          className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-brand/15 p-6 backdrop-blur-sm"
        >
          <div className="flex flex-col items-center gap-3 rounded-2xl border-2 border-dashed border-brand bg-white/90 px-10 py-8 text-center shadow-xl dark:bg-zinc-900/90">
            <UploadIcon className="h-8 w-8 text-brand" />
            <p className="text-lg font-semibold">{t("drop.overlay")}</p>
            <p className="max-w-sm text-sm text-zinc-500 dark:text-zinc-400">
              {t("drop.accepted")} {t("drop.each", { size: formatLimit(maxBytes) })}
            </p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
