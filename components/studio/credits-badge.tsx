"use client";

import type { Credits } from "@/lib/credits/schema";

export function CreditsBadge({ credits }: { credits: Credits | undefined }) {
  if (!credits) return null;
  if (!credits.enabled) {
    return (
      <span data-testid="credits-badge" className="whitespace-nowrap rounded-full bg-zinc-200 px-3 py-1 text-xs dark:bg-zinc-800">
        Unlimited exports
      </span>
    );
  }
  return (
    <span
      data-testid="credits-badge"
      title={`${credits.available} credits available, ${credits.frozen} reserved by running exports, ${credits.total} in total`}
      className="whitespace-nowrap rounded-full bg-brand/10 px-3 py-1 text-xs font-medium text-brand-dark dark:bg-brand/20 dark:text-indigo-200"
    >
      {credits.available} credits{credits.frozen > 0 ? ` · ${credits.frozen} reserved` : ""}
    </span>
  );
}
