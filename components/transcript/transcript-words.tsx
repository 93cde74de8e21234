"use client";

import { clsx } from "clsx";
import { Fragment, useEffect, useRef } from "react";
import { pauseLabel, selRange, wordGap, type Selection } from "@/lib/client/transcript-edits";
import type { TranscriptToken, TranscriptWord } from "@/lib/transcript/schema";
import { useT } from "@/stores/locale";

// The words as running text. Mouse: press and drag to select, Shift+click to extend,
// a plain click seeks. Cut words are struck through in their place, each run of them
// with a restore button. The container owns keyboard focus (transcript-panel.tsx).

export interface WordsProps {
  tokens: TranscriptToken[];
  selection: Selection;
  current: number;
  /** Token indexes of search hits, and the hit being shown. */
  hits: Set<number>;
  activeHit: [number, number] | null;
  playing: boolean;
  onSelect(sel: Selection): void;
  onSeek(ms: number): void;
  onEdit(index: number): void;
  onRestore(word: TranscriptWord): void;
}

export function TranscriptWords({
  tokens,
  selection,
  current,
  hits,
  activeHit,
  playing,
  onSelect,
  onSeek,
  onEdit,
  onRestore,
}: WordsProps) {
  const tr = useT();
  const drag = useRef<{ anchor: number; moved: boolean } | null>(null);
  const currentRef = useRef<HTMLSpanElement | null>(null);
  const range = selRange(selection);

  useEffect(() => {
    const up = () => {
      drag.current = null;
    };
    window.addEventListener("mouseup", up);
    return () => window.removeEventListener("mouseup", up);
  }, []);

  // Follow the playhead while playing, without fighting a reader who scrolled away when paused.
  useEffect(() => {
    if (playing) currentRef.current?.scrollIntoView({ block: "nearest" });
  }, [current, playing]);

  const selected = (i: number) => !!range && i >= range[0] && i <= range[1];

  function down(i: number, e: React.MouseEvent) {
    if (e.button !== 0) return;
    e.preventDefault();
    (e.currentTarget.closest("[data-transcript-focus]") as HTMLElement | null)?.focus({
      preventScroll: true,
    });
    if (e.shiftKey && selection) {
      onSelect({ anchor: selection.anchor, focus: i });
      drag.current = null;
      return;
    }
    drag.current = { anchor: i, moved: false };
    onSelect({ anchor: i, focus: i });
  }

  function enter(i: number) {
    const d = drag.current;
    if (!d || d.anchor === i) return;
    d.moved = true;
    onSelect({ anchor: d.anchor, focus: i });
  }

  function click(i: number, e: React.MouseEvent) {
    const t = tokens[i];
    if (e.shiftKey || e.detail > 1) return;
    if (t.s !== null) onSeek(t.s);
  }

  const out: React.ReactNode[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === "word" && t.s === null) {
      // A run of cut words: struck through, one button puts them back.
      let j = i;
      while (
        j + 1 < tokens.length &&
        tokens[j + 1].type === "word" &&
        tokens[j + 1].s === null &&
        (tokens[j + 1] as TranscriptWord).src === t.src
      )
        j++;
      const run = tokens.slice(i, j + 1) as TranscriptWord[];
      out.push(
        <span
          key={`cut-${t.id}`}
          data-testid="cut-run"
          className="group mx-0.5 inline rounded bg-zinc-100 px-0.5 dark:bg-zinc-800/70"
        >
          {run.map((w, k) => (
            <Fragment key={w.id}>
              <span
                data-testid="transcript-word"
                data-cut="true"
                data-index={i + k}
                data-selected={selected(i + k) || undefined}
                onMouseDown={(e) => down(i + k, e)}
                onMouseEnter={() => enter(i + k)}
                className={clsx(
                  "cursor-text text-zinc-400 line-through decoration-red-400/80 dark:text-zinc-500",
                  selected(i + k) && "bg-brand/20",
                )}
              >
                {w.text}
              </span>{" "}
            </Fragment>
          ))}
          <button
            type="button"
            data-testid="restore-cut"
            title={tr("transcript.restoreTitle")}
            onMouseDown={(e) => e.stopPropagation()}
            onClick={() => onRestore(run[0])}
            className="ml-0.5 rounded px-1 text-[11px] font-medium text-brand no-underline hover:bg-brand/10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand dark:text-indigo-300"
          >
            {tr("transcript.restore")}
          </button>
        </span>,
      );
      i = j;
      continue;
    }
    const isCurrent = i === current;
    const active = !!activeHit && i >= activeHit[0] && i <= activeHit[1];
    const common = {
      "data-index": i,
      "data-selected": selected(i) || undefined,
      onMouseDown: (e: React.MouseEvent) => down(i, e),
      onMouseEnter: () => enter(i),
      onClick: (e: React.MouseEvent) => click(i, e),
    };
    if (t.type === "pause") {
      out.push(
        <span
          key={t.id}
          data-testid="transcript-pause"
          {...common}
          title={tr("transcript.pauseTitle")}
          className={clsx(
            "mx-0.5 cursor-pointer rounded px-1 font-mono text-[11px] text-zinc-400",
            selected(i)
              ? "bg-brand/25 text-zinc-700 dark:text-zinc-200"
              : "bg-zinc-100 dark:bg-zinc-800",
          )}
        >
          {pauseLabel(t.e - t.s)}
        </span>,
        " ",
      );
      continue;
    }
    out.push(
      <span
        key={t.id}
        ref={isCurrent ? currentRef : undefined}
        data-testid="transcript-word"
        data-current={isCurrent || undefined}
        data-filler={t.filler || undefined}
        data-corrected={t.corrected || undefined}
        data-match={hits.has(i) || undefined}
        {...common}
        onDoubleClick={() => onEdit(i)}
        className={clsx(
          "cursor-text rounded-sm px-px",
          selected(i) && "bg-brand/25",
          !selected(i) && isCurrent && "bg-amber-200 dark:bg-amber-500/40",
          !selected(i) && !isCurrent && active && "bg-yellow-300/80 dark:bg-yellow-500/50",
          !selected(i) &&
            !isCurrent &&
            !active &&
            hits.has(i) &&
            "bg-yellow-100 dark:bg-yellow-600/30",
          t.filler &&
            "text-amber-700 underline decoration-amber-400 decoration-wavy underline-offset-4 dark:text-amber-300",
          t.corrected && "text-emerald-700 dark:text-emerald-300",
        )}
      >
        {t.text}
      </span>,
      wordGap(t.text, tokens[i + 1]),
    );
  }
  return (
    <p className="select-none text-[15px] leading-8 text-zinc-800 dark:text-zinc-100">{out}</p>
  );
}
