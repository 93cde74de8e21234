"use client";

import { clsx } from "clsx";
import type { StringKey } from "@/lib/i18n/en";
import { useT } from "@/stores/locale";

export type StudioTab = "edit" | "media" | "chat" | "transcript" | "export";

const TABS: { id: StudioTab; label: StringKey }[] = [
  { id: "edit", label: "tabs.edit" },
  { id: "media", label: "tabs.media" },
  { id: "chat", label: "tabs.chat" },
  { id: "transcript", label: "tabs.words" },
  { id: "export", label: "tabs.export" },
];

/** Phone-width navigation between the studio's panels (all panels show side by side on wide screens). */
export function MobileTabs({
  tab,
  onTab,
  badges,
}: {
  tab: StudioTab;
  onTab(tab: StudioTab): void;
  badges: Partial<Record<StudioTab, string>>;
}) {
  const tr = useT();
  return (
    <nav
      aria-label={tr("tabs.panels")}
      className="sticky top-[49px] z-20 border-b border-zinc-200 bg-white/90 backdrop-blur lg:hidden dark:border-zinc-800 dark:bg-zinc-950/90"
    >
      <div role="tablist" className="grid grid-cols-5">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            data-testid={`tab-${t.id}`}
            onClick={() => onTab(t.id)}
            className={clsx(
              "relative h-10 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand",
              tab === t.id ? "text-brand dark:text-indigo-300" : "text-zinc-600 dark:text-zinc-400",
            )}
          >
            {tr(t.label)}
            {badges[t.id] ? (
              <span className="ml-1 rounded-full bg-brand px-1.5 text-[10px] text-white">
                {badges[t.id]}
              </span>
            ) : null}
            {tab === t.id ? (
              <span
                aria-hidden
                className="absolute inset-x-4 bottom-0 h-0.5 rounded-full bg-brand"
              />
            ) : null}
          </button>
        ))}
      </div>
    </nav>
  );
}
