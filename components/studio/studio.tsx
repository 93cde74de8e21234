"use client";

import { useConnection } from "@/hooks/use-connection";
import { CreditsBadge } from "./credits-badge";
import { SUGGESTED_PROMPTS } from "./suggested-prompts";

export function Studio() {
  const connection = useConnection();

  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h1 className="text-lg font-semibold">Video Skill Online</h1>
        <div className="flex items-center gap-3">
          <span data-testid="connection-status" role="status" className="text-sm text-zinc-500">
            {connection.isPending ? "Connecting..." : connection.isError ? "Offline" : "Ready"}
          </span>
          <CreditsBadge credits={connection.data?.credits} />
        </div>
      </header>
      {connection.isError ? (
        <p role="alert" className="m-4 rounded bg-red-50 p-3 text-red-800 dark:bg-red-950 dark:text-red-200">
          {connection.error.message}
        </p>
      ) : null}
      <main className="grid flex-1 gap-4 p-4 md:grid-cols-[1fr_380px]">
        <section aria-label="Preview and timeline" className="flex flex-col gap-4">
          <div data-testid="dropzone" className="flex min-h-48 items-center justify-center rounded-lg border-2 border-dashed border-zinc-300 p-6 text-center text-zinc-500 dark:border-zinc-700">
            Drop your video clips here or describe what you want to make.
          </div>
          <div data-testid="timeline" className="min-h-24 rounded-lg bg-white p-3 text-sm text-zinc-500 dark:bg-zinc-900">
            Timeline is empty: add a clip to start.
          </div>
        </section>
        <section aria-label="Chat" data-testid="chat" className="flex flex-col gap-3 rounded-lg bg-white p-4 dark:bg-zinc-900">
          <p className="font-medium">Ready when you are.</p>
          <p className="text-sm text-zinc-500">Try saying:</p>
          <ul className="flex flex-col gap-2">
            {SUGGESTED_PROMPTS.map((p) => (
              <li key={p}>
                <button type="button" data-testid="suggested-prompt" className="w-full rounded-md border border-zinc-200 px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
                  “{p}”
                </button>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
