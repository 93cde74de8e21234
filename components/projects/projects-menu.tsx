"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { useEffect, useRef, useState } from "react";
import { api } from "@/lib/client/api";
import { isAppError } from "@/lib/errors";
import type { Project } from "@/lib/state/schema";
import { ChevronDownIcon, PlusIcon, TrashIcon } from "@/components/ui/icons";
import { useT } from "@/stores/locale";

// A project nobody named yet is stored as "Untitled project"; show that in the interface's language.
const UNTITLED = "Untitled project";

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ""
    : d.toLocaleString(undefined, {
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
      });
};

/** Earlier projects of this visitor: open one, start a new one, or delete one (frees their storage). */
export function ProjectsMenu({
  current,
  onSwitched,
}: {
  current: Project | undefined;
  onSwitched(project: Project): void;
}) {
  const t = useT();
  const named = (title: string) => (title === UNTITLED ? t("projects.untitled") : title);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const list = useQuery({
    queryKey: ["projects"],
    queryFn: () => api<{ projects: Project[]; current: string }>("/api/projects"),
    enabled: open,
  });
  const projects = list.data?.projects ?? [];
  const currentId = list.data?.current ?? current?.id;
  const fail = (err: unknown) => setError(isAppError(err) ? err.message : t("projects.error"));
  const switchTo = useMutation({
    mutationFn: (id: string) =>
      api<{ project: Project }>(`/api/projects/${encodeURIComponent(id)}`, { method: "POST" }),
    onSuccess: (r) => {
      setOpen(false);
      onSwitched(r.project);
    },
    onError: fail,
  });
  const create = useMutation({
    mutationFn: () => api<{ project: Project }>("/api/projects", { method: "POST", json: {} }),
    onSuccess: (r) => {
      setOpen(false);
      onSwitched(r.project);
    },
    onError: fail,
  });

  const remove = useMutation({
    mutationFn: (id: string) =>
      api<{ deleted: string; current: string }>(`/api/projects/${encodeURIComponent(id)}`, {
        method: "DELETE",
      }),
    onSuccess: (r) => {
      // The open project went: the server started a fresh one, which the studio now shows.
      if (r.deleted === currentId) switchTo.mutate(r.current);
      else void list.refetch();
    },
    onError: fail,
  });

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (
        e instanceof KeyboardEvent ? e.key === "Escape" : !root.current?.contains(e.target as Node)
      )
        setOpen(false);
    };
    window.addEventListener("mousedown", close);
    window.addEventListener("keydown", close);
    return () => {
      window.removeEventListener("mousedown", close);
      window.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        data-testid="projects-menu"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => {
          setError(null);
          setOpen((o) => !o);
        }}
        className="inline-flex h-8 max-w-[14rem] items-center gap-1 rounded-lg border border-zinc-300 px-2.5 text-xs font-medium hover:bg-zinc-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        <span className="truncate">{current ? named(current.title) : t("projects.button")}</span>
        <ChevronDownIcon className="h-3.5 w-3.5 shrink-0" />
      </button>
      {open ? (
        <div
          className="absolute right-0 z-40 mt-1.5 w-72 rounded-xl border border-zinc-200 bg-white p-1.5 shadow-xl dark:border-zinc-800 dark:bg-zinc-900"
          data-testid="projects-list"
        >
          <button
            type="button"
            data-testid="project-new"
            onClick={() => create.mutate()}
            disabled={create.isPending}
            className="flex w-full items-center gap-2 rounded-lg px-2.5 py-2 text-left text-sm font-medium text-brand hover:bg-brand/5 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:text-indigo-300"
          >
            <PlusIcon className="h-4 w-4" />{" "}
            {create.isPending ? t("projects.creating") : t("projects.new")}
          </button>
          <p className="px-2.5 pb-1 pt-2 text-[11px] font-medium uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            {t("projects.yours")}
          </p>
          {list.isPending ? (
            <p className="px-2.5 py-2 text-xs text-zinc-600 dark:text-zinc-400">
              {t("projects.loading")}
            </p>
          ) : null}
          <ul className="max-h-72 overflow-y-auto">
            {projects.map((p) => (
              <li key={p.id} className="group flex items-center gap-1">
                <button
                  type="button"
                  data-testid="project-item"
                  aria-current={p.id === currentId ? "true" : undefined}
                  onClick={() => (p.id === currentId ? setOpen(false) : switchTo.mutate(p.id))}
                  className={clsx(
                    "flex min-w-0 flex-1 flex-col rounded-lg px-2.5 py-1.5 text-left hover:bg-zinc-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:hover:bg-zinc-800",
                    p.id === currentId && "bg-zinc-100 dark:bg-zinc-800",
                  )}
                >
                  <span className="truncate text-sm">{named(p.title)}</span>
                  <span className="text-[11px] text-zinc-600 dark:text-zinc-400">
                    {p.id === currentId ? t("projects.openNow") : ""}
                    {t("projects.edited", { when: when(p.updatedAt) })}
                  </span>
                </button>
                <button
                  type="button"
                  data-testid="project-delete"
                  aria-label={t("projects.deleteLabel", { title: named(p.title) })}
                  title={t("projects.deleteTitle")}
                  disabled={remove.isPending}
                  onClick={() => {
                    if (window.confirm(t("projects.confirm", { title: named(p.title) })))
                      remove.mutate(p.id);
                  }}
                  className="rounded-md p-1.5 text-zinc-400 hover:bg-red-50 hover:text-red-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:hover:bg-red-950/40"
                >
                  <TrashIcon className="h-3.5 w-3.5" />
                </button>
              </li>
            ))}
          </ul>
          {error ? (
            <p role="alert" className="px-2.5 py-1.5 text-xs text-red-700 dark:text-red-300">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
