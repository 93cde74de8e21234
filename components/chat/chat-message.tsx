"use client";

import { clsx } from "clsx";
import type { ChatEntry, ChatStep } from "@/stores/chat";
import { AlertIcon, CheckIcon, LightbulbIcon, SparkleIcon, XIcon } from "@/components/ui/icons";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Spinner } from "@/components/ui/spinner";
import { formatEta } from "@/lib/client/format";
import { useT } from "@/stores/locale";
import type { StringKey } from "@/lib/i18n/en";
import { RichText } from "./rich-text";

const RECONNECT_CODES = new Set<number | string>([1001, 1002]);

/** "42% · about 3 min left" */
export function stepProgressText(p: NonNullable<ChatStep["progress"]>): string {
  const left = formatEta(p.etaSeconds);
  return `${Math.floor(p.ratio * 100)}%${left ? ` · ${left}` : ""}`;
}

function StepLine({ step }: { step: ChatStep }) {
  const t = useT();
  return (
    <li
      data-testid="chat-step"
      data-status={step.status}
      className="flex items-start gap-2 text-xs text-zinc-500 dark:text-zinc-400"
    >
      {step.status === "running" ? (
        <Spinner className="h-3.5 w-3.5" />
      ) : step.status === "done" ? (
        <CheckIcon className="h-3.5 w-3.5 text-emerald-500" />
      ) : (
        <XIcon className="h-3.5 w-3.5 text-red-500" />
      )}
      <span className="min-w-0">
        <span>{step.label}</span>
        {step.progress && step.status === "running" ? (
          <span data-testid="chat-step-progress" className="mt-1 flex items-center gap-2">
            <ProgressBar className="w-28" value={step.progress.ratio * 100} label={step.label} />
            <span className="whitespace-nowrap tabular-nums">
              {stepProgressText(step.progress)}
            </span>
          </span>
        ) : null}
      </span>
      <span className="sr-only">
        {t(
          step.status === "running"
            ? "chat.working"
            : step.status === "done"
              ? "chat.done"
              : "chat.failed",
        )}
      </span>
    </li>
  );
}

/** What the user should do next, beyond the server's sentence. */
function nextStep(code: number | string): StringKey | null {
  if (code === 2001) return "chat.noCredits";
  if (RECONNECT_CODES.has(code)) return "chat.reconnected";
  return null;
}

export function ChatMessage({
  entry,
  onReconnect,
  registerUrl,
  onChoose,
}: {
  entry: ChatEntry;
  onReconnect?: () => void;
  registerUrl?: string | null;
  /** Sends one of a question's answers as the next message; absent once the answer is given. */
  onChoose?: (choice: string) => void;
}) {
  const t = useT();
  if (entry.role === "user") {
    return (
      <div data-testid="chat-message" data-role="user" className="flex justify-end">
        <p className="max-w-[85%] whitespace-pre-wrap rounded-2xl rounded-br-md bg-brand px-3.5 py-2 text-sm text-white">
          {entry.text}
        </p>
      </div>
    );
  }
  const hint = entry.error ? nextStep(entry.error.code) : null;
  return (
    <div
      data-testid="chat-message"
      data-role="assistant"
      data-pending={entry.pending || undefined}
      className="flex gap-2.5"
    >
      <span
        aria-hidden
        className="mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand/10 text-brand dark:bg-brand/25 dark:text-indigo-200"
      >
        <SparkleIcon className="h-4 w-4" />
      </span>
      <div className="min-w-0 flex-1 space-y-2">
        {entry.steps.length > 0 ? (
          <ul className="space-y-1">
            {entry.steps.map((s) => (
              <StepLine key={s.id} step={s} />
            ))}
          </ul>
        ) : null}
        {entry.text ? (
          <p
            data-testid="assistant-text"
            className="whitespace-pre-wrap break-words text-sm leading-relaxed"
          >
            <RichText text={entry.text} />
          </p>
        ) : entry.pending && entry.steps.length === 0 ? (
          <p className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <Spinner className="h-3.5 w-3.5" /> {t("chat.thinking")}
          </p>
        ) : null}
        {entry.choices.length && onChoose ? (
          <div role="group" aria-label={t("chat.answers")} className="flex flex-wrap gap-1.5">
            {entry.choices.map((c) => (
              <button
                key={c}
                type="button"
                data-testid="clarify-choice"
                onClick={() => onChoose(c)}
                className="rounded-full border border-brand/40 bg-white px-3 py-1 text-sm text-brand transition-colors hover:bg-brand/10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:bg-zinc-900 dark:text-indigo-200"
              >
                {c}
              </button>
            ))}
          </div>
        ) : null}
        {entry.tips.length ? (
          <details
            open
            data-testid="chat-tip"
            className="rounded-lg border border-amber-200 bg-amber-50 p-2.5 text-xs leading-relaxed text-amber-950 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-100"
          >
            <summary className="flex cursor-pointer list-none items-center gap-1.5 font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand">
              <LightbulbIcon className="h-3.5 w-3.5" /> {t("chat.tips")}
            </summary>
            <ol className="mt-1.5 list-decimal space-y-1 pl-5">
              {entry.tips.map((tip) => (
                <li key={tip} className="whitespace-pre-wrap">
                  {tip.replace(/^(by hand:|手动操作：)\s*/i, "")}
                </li>
              ))}
            </ol>
          </details>
        ) : null}
        {entry.error ? (
          <div
            data-testid="chat-error"
            role="alert"
            className={clsx(
              "rounded-lg border p-2.5 text-sm",
              entry.error.code === "cancelled"
                ? "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
                : "border-red-200 bg-red-50 text-red-900 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-100",
            )}
          >
            <p className="flex items-start gap-2">
              <AlertIcon className="mt-0.5 h-4 w-4 shrink-0" />
              <span>{entry.error.message}</span>
            </p>
            {hint ? <p className="mt-1 pl-6 text-xs opacity-80">{t(hint)}</p> : null}
            {entry.error.code === 2001 && registerUrl ? (
              <a
                href={registerUrl}
                target="_blank"
                rel="noreferrer"
                className="ml-6 mt-1 inline-block text-xs font-medium underline"
              >
                {t("chat.register")}
              </a>
            ) : null}
            {RECONNECT_CODES.has(entry.error.code) && onReconnect ? (
              <button
                type="button"
                onClick={onReconnect}
                className="ml-6 mt-1 text-xs font-medium underline"
              >
                {t("chat.reloadProject")}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
