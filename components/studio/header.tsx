"use client";

import { clsx } from "clsx";
import type { Credits } from "@/lib/credits/schema";
import type { Project } from "@/lib/state/schema";
import { ProjectsMenu } from "@/components/projects/projects-menu";
import { CreditsBadge } from "./credits-badge";
import { LanguageSwitch } from "./language-switch";
import { useT } from "@/stores/locale";

export function Header({
  status,
  backend,
  credits,
  project,
  onSwitched,
  onExport,
}: {
  status: "connecting" | "ready" | "offline";
  backend: "local" | "nemo" | undefined;
  credits: Credits | undefined;
  project: Project | undefined;
  onSwitched(project: Project): void;
  /** Jump to the export panel. */
  onExport(): void;
}) {
  const t = useT();
  return (
    <header className="sticky top-0 z-30 flex items-center gap-2 border-b border-zinc-200 bg-white/85 px-3 py-2 backdrop-blur sm:gap-3 sm:px-4 dark:border-zinc-800 dark:bg-zinc-950/85">
      <div className="flex min-w-0 items-center gap-2">
        <span
          aria-hidden
          className="flex h-7 w-7 shrink-0 items-center justify-center rounded-lg bg-gradient-to-br from-brand to-fuchsia-500 text-xs font-bold text-white"
        >
          VS
        </span>
        <h1 className="sr-only truncate text-base font-semibold tracking-tight sm:not-sr-only">
          Video Skill Online
        </h1>
      </div>
      {backend ? (
        <span
          data-testid="backend-badge"
          title={
            backend === "local" ? t("header.backend.localTitle") : t("header.backend.nemoTitle")
          }
          className="hidden rounded-full border border-zinc-200 px-2 py-0.5 text-[11px] text-zinc-600 sm:inline dark:border-zinc-700 dark:text-zinc-300"
        >
          {backend === "local" ? t("header.backend.local") : t("header.backend.nemo")}
        </span>
      ) : null}
      <div className="ml-auto flex items-center gap-2 sm:gap-3">
        <span
          data-testid="connection-status"
          role="status"
          className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-300"
        >
          <span
            aria-hidden
            className={clsx(
              "h-2 w-2 rounded-full",
              status === "ready"
                ? "bg-emerald-500"
                : status === "offline"
                  ? "bg-red-500"
                  : "animate-pulse bg-amber-400",
            )}
          />
          <span>
            {status === "connecting"
              ? t("header.connecting")
              : status === "offline"
                ? t("header.offline")
                : t("header.ready")}
          </span>
        </span>
        <CreditsBadge credits={credits} />
        <button
          type="button"
          onClick={onExport}
          data-testid="header-export"
          className="hidden h-8 items-center rounded-lg bg-brand px-3 text-xs font-medium text-white hover:bg-brand-dark focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand sm:inline-flex"
        >
          {t("header.export")}
        </button>
        <LanguageSwitch />
        <ProjectsMenu current={project} onSwitched={onSwitched} />
      </div>
    </header>
  );
}
