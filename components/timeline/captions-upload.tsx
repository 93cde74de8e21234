"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { api } from "@/lib/client/api";
import { isAppError } from "@/lib/errors";
import type { SessionState } from "@/lib/state/schema";
import { STATE_KEY } from "@/hooks/use-session-state";
import { Button } from "@/components/ui/button";
import { TextIcon } from "@/components/ui/icons";
import { useT } from "@/stores/locale";

/** "Captions file": use the creator's own .srt/.vtt instead of speech recognition. */
export function CaptionsUpload({ disabled }: { disabled: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return api<SessionState>("/api/captions", { method: "POST", body: form });
    },
    onSuccess: (s) => qc.setQueryData(STATE_KEY, s),
  });
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".srt,.vtt,text/vtt,application/x-subrip"
        className="hidden"
        data-testid="captions-file-input"
        aria-label={t("captions.choose")}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = "";
        }}
      />
      <Button
        size="sm"
        variant="ghost"
        disabled={disabled || upload.isPending}
        onClick={() => input.current?.click()}
        title={t("captions.title")}
        data-testid="captions-upload"
      >
        <TextIcon className="h-3.5 w-3.5" />{" "}
        {upload.isPending ? t("captions.adding") : t("captions.button")}
      </Button>
      {upload.error ? (
        <span role="alert" className="basis-full text-xs text-red-700 dark:text-red-300">
          {isAppError(upload.error) ? upload.error.message : t("captions.failed")}
        </span>
      ) : null}
    </>
  );
}
