"use client";

import { clsx } from "clsx";
import { useT } from "@/stores/locale";

export type SideTab = "chat" | "transcript";

/** Wide screens: the right column shows the chat or the transcript (phones use the bottom tabs). */
export function SideTabs({ side, onSide }: { side: SideTab; onSide(side: SideTab): void }) {
  const t = useT();
  const tabs: { id: SideTab; label: string }[] = [
    { id: "chat", label: t("tabs.chat") },
    { id: "transcript", label: t("tabs.transcript") },
  ];
  return (
    <div
      role="tablist"
      aria-label={t("tabs.side")}
      className="mb-2 hidden gap-1 rounded-lg bg-zinc-100 p-0.5 lg:flex dark:bg-zinc-800"
    >
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={side === tab.id}
          data-testid={`side-${tab.id}`}
          onClick={() => onSide(tab.id)}
          className={clsx(
            "h-7 flex-1 rounded-md text-xs font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand",
            side === tab.id
              ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-900 dark:text-white"
              : "text-zinc-600 hover:text-zinc-800 dark:text-zinc-300 dark:hover:text-zinc-100",
          )}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
