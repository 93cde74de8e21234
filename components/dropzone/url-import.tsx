"use client";

import { useState } from "react";
import { isAppError } from "@/lib/errors";
import { Button } from "@/components/ui/button";
import { LinkIcon } from "@/components/ui/icons";
import { useT } from "@/stores/locale";

/** "Import from URL": one or more links (one per line or separated by spaces). */
export function UrlImport({ onImport }: { onImport(urls: string[]): Promise<unknown> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit() {
    const urls = value
      .split(/\s+/)
      .map((u) => u.trim())
      .filter(Boolean);
    if (urls.length === 0) return setMessage({ ok: false, text: t("url.empty") });
    const bad = urls.find((u) => !/^https?:\/\//i.test(u));
    if (bad) return setMessage({ ok: false, text: t("url.notLink", { url: bad }) });
    setBusy(true);
    setMessage(null);
    try {
      await onImport(urls);
      setValue("");
      setMessage({
        ok: true,
        text: urls.length === 1 ? t("url.one") : t("url.many", { n: urls.length }),
      });
    } catch (err) {
      setMessage({ ok: false, text: isAppError(err) ? err.message : t("url.failed") });
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button
        type="button"
        data-testid="url-import-toggle"
        onClick={() => setOpen(true)}
        className="inline-flex items-center gap-1.5 self-start rounded text-xs font-medium text-zinc-500 hover:text-brand focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:text-zinc-400"
      >
        <LinkIcon className="h-3.5 w-3.5" /> {t("url.toggle")}
      </button>
    );
  }
  return (
    <form
      className="flex flex-col gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="url-import" className="text-xs font-medium text-zinc-600 dark:text-zinc-300">
        {t("url.toggle")}
      </label>
      <div className="flex gap-1.5">
        <input
          id="url-import"
          data-testid="url-import-input"
          type="text"
          inputMode="url"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="https://example.com/clip.mp4"
          className="h-8 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 text-xs outline-none focus:border-brand focus:ring-2 focus:ring-brand/30 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <Button
          type="submit"
          size="sm"
          variant="secondary"
          disabled={busy}
          data-testid="url-import-submit"
        >
          {busy ? t("url.importing") : t("url.import")}
        </Button>
      </div>
      {message ? (
        <p
          role={message.ok ? "status" : "alert"}
          className={
            message.ok
              ? "text-xs text-emerald-700 dark:text-emerald-300"
              : "text-xs text-red-700 dark:text-red-300"
          }
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
