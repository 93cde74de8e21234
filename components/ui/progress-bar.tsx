import { clsx } from "clsx";

/** A labelled progress bar; `value` 0..100, or null for "working, amount unknown". */
export function ProgressBar({
  value,
  label,
  className,
  tone = "brand",
}: {
  value: number | null;
  label: string;
  className?: string;
  tone?: "brand" | "green" | "red";
}) {
  const pct = value == null ? null : Math.max(0, Math.min(100, value));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct == null ? undefined : Math.round(pct)}
      className={clsx(
        "h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800",
        className,
      )}
    >
      <div
        className={clsx(
          "h-full rounded-full transition-[width] duration-300",
          tone === "brand" && "bg-brand",
          tone === "green" && "bg-emerald-500",
          tone === "red" && "bg-red-500",
          pct == null && "w-1/3 animate-pulse",
        )}
        style={pct == null ? undefined : { width: `${pct}%` }}
      />
    </div>
  );
}
