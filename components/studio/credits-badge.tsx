"use client";

import type { Credits } from "@/lib/credits/schema";
import { useT } from "@/stores/locale";

export function CreditsBadge({ credits }: { credits: Credits | undefined }) {
  const t = useT();
  if (!credits) return null;
  if (!credits.enabled) {
    return (
      <span
        data-testid="credits-badge"
        className="whitespace-nowrap rounded-full bg-zinc-200 px-3 py-1 text-xs dark:bg-zinc-800"
      >
        {t("credits.unlimited")}
      </span>
    );
  }
  return (
    <span
      data-testid="credits-badge"
      title={t("credits.title", {
        available: credits.available,
        frozen: credits.frozen,
        total: credits.total,
      })}
      className="whitespace-nowrap rounded-full bg-brand/10 px-3 py-1 text-xs font-medium text-brand-dark dark:bg-brand/20 dark:text-indigo-200"
    >
      {t("credits.count", { n: credits.available })}
      {credits.frozen > 0 ? t("credits.reserved", { n: credits.frozen }) : ""}
    </span>
  );
}
