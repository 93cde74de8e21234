"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { isAppError } from "@/lib/errors";
import type { Op } from "@/lib/plan/schema";
import type { TranscriptWord } from "@/lib/transcript/schema";
import {
  correctionOps,
  currentWordIndex,
  deleteOps,
  restoreOps,
  searchTokens,
  selRange,
  shortenOps,
  type Selection,
} from "@/lib/client/transcript-edits";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useTranscribe, useTranscript } from "@/hooks/use-transcript";
import { useT } from "@/stores/locale";
import { usePlayerStore } from "@/stores/player";
import { CorrectBar, SearchBar } from "./transcript-bars";
import { TranscriptWords } from "./transcript-words";

// Edit by transcript: the timeline's words; select and press Delete to cut, double-click
// to correct, Ctrl/Cmd+F to search. Every change goes through the same ops endpoint as
// the timeline, so undo/redo, captions and exports follow.

export interface TranscriptPanelProps {
  version: number | undefined;
  enabled: boolean;
  /** Applies ops to the timeline (POST /api/state/ops). */
  onOps(ops: Op[]): Promise<unknown>;
  onSeek(ms: number): void;
  busy: boolean;
}

const sentence = (err: unknown, failed: string) =>
  err ? (isAppError(err) ? err.message : failed) : null;

export function TranscriptPanel({ version, enabled, onOps, onSeek, busy }: TranscriptPanelProps) {
  const t = useT();
  const view = useTranscript(version, enabled);
  const transcribe = useTranscribe(version);
  const tokens = useMemo(() => view.data?.tokens ?? [], [view.data]);
  const [selection, setSelection] = useState<Selection>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [hitIndex, setHitIndex] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const currentMs = usePlayerStore((s) => s.currentMs);
  const playing = usePlayerStore((s) => s.playing);
  const current = useMemo(() => currentWordIndex(tokens, currentMs), [tokens, currentMs]);
  const hits = useMemo(() => (query ? searchTokens(tokens, query) : []), [tokens, query]);
  const hitSet = useMemo(
    () => new Set(hits.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k))),
    [hits],
  );
  const range = selRange(selection);
  const picked = range ? tokens.slice(range[0], range[1] + 1) : [];
  const lonePause = picked.length === 1 && picked[0].type === "pause" ? picked[0] : null;

  // A new version moves tokens around: an old selection would point at other words.
  useEffect(() => setSelection(null), [version]);

  async function run(ops: Op[]) {
    if (ops.length === 0 || busy) return;
    setError(null);
    try {
      await onOps(ops);
      setSelection(null);
      setEditing(null);
    } catch (err) {
      setError(sentence(err, t("transcript.failed")));
    }
  }

  function startEdit(i?: number) {
    let sel = selection;
    if (i !== undefined && !(range && i >= range[0] && i <= range[1]))
      sel = { anchor: i, focus: i };
    const r = selRange(sel);
    if (!r) return;
    const words = tokens
      .slice(r[0], r[1] + 1)
      .filter((t): t is TranscriptWord => t.type === "word" && t.s !== null);
    if (words.length === 0) return;
    setSelection(sel);
    setEditing(words.map((w) => w.text).join(" "));
  }

  function showHit(k: number) {
    if (hits.length === 0) return;
    const n = ((k % hits.length) + hits.length) % hits.length;
    setHitIndex(n);
    const [a, b] = hits[n];
    setSelection({ anchor: a, focus: b });
    const s = tokens[a].s;
    if (s !== null) onSeek(s);
    box.current?.querySelector(`[data-index="${a}"]`)?.scrollIntoView({ block: "nearest" });
  }

  // Ctrl/Cmd+F searches the transcript while it is on screen.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (
        !(e.ctrlKey || e.metaKey) ||
        e.key.toLowerCase() !== "f" ||
        !box.current ||
        box.current.offsetParent === null
      )
        return;
      e.preventDefault();
      setQuery((q) => q ?? "");
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.target !== e.currentTarget) return;
    const last = tokens.length - 1;
    if ((e.key === "Delete" || e.key === "Backspace") && selection) {
      e.preventDefault();
      void run(deleteOps(tokens, selection));
    } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      e.preventDefault();
      const step = e.key === "ArrowRight" ? 1 : -1;
      const from = selection?.focus ?? (current >= 0 ? current : step > 0 ? -1 : last + 1);
      const focus = Math.min(last, Math.max(0, from + step));
      setSelection(
        e.shiftKey && selection ? { anchor: selection.anchor, focus } : { anchor: focus, focus },
      );
    } else if ((e.key === "Enter" || e.key === "F2") && selection) {
      e.preventDefault();
      startEdit();
    } else if (e.key === "Escape") {
      setSelection(null);
    }
  }

  const data = view.data;
  if (!enabled) return <Empty text={t("transcript.noVideo")} />;
  if (view.isPending) return <Empty text={t("transcript.loading")} />;
  if (view.isError && !data)
    return <Empty text={sentence(view.error, t("transcript.failed")) ?? ""} />;
  const needsWords = data && (data.status === "none" || data.status === "partial");

  return (
    <section
      aria-label={t("transcript.title")}
      data-testid="transcript-panel"
      className="flex min-h-0 flex-1 flex-col gap-2"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-sm font-semibold">{t("transcript.title")}</h2>
        {data && data.fillers > 0 ? (
          <Button
            size="xs"
            variant="secondary"
            data-testid="remove-fillers"
            disabled={busy}
            onClick={() => void run([{ op: "remove_fillers" }])}
          >
            {t("transcript.fillers", { n: data.fillers })}
          </Button>
        ) : null}
        <div className="ml-auto flex items-center gap-1">
          {range && !editing ? (
            <>
              {lonePause ? (
                <Button
                  size="xs"
                  variant="ghost"
                  data-testid="shorten-pause"
                  disabled={busy}
                  onClick={() => void run(shortenOps(lonePause as { s: number; e: number }, 300))}
                >
                  {t("transcript.shorten")}
                </Button>
              ) : (
                <Button
                  size="xs"
                  variant="ghost"
                  data-testid="correct-selection"
                  onClick={() => startEdit()}
                >
                  {t("transcript.correct")}
                </Button>
              )}
              <Button
                size="xs"
                variant="danger"
                data-testid="cut-selection"
                disabled={busy}
                onClick={() => void run(deleteOps(tokens, selection))}
              >
                {t("transcript.cut")}
              </Button>
            </>
          ) : null}
          <Button
            size="xs"
            variant="ghost"
            aria-label={t("transcript.findLabel")}
            title={t("transcript.findTitle")}
            onClick={() => setQuery((q) => (q === null ? "" : null))}
          >
            {t("transcript.find")}
          </Button>
        </div>
      </div>
      {query !== null ? (
        <SearchBar
          query={query}
          count={hits.length}
          at={hitIndex}
          onQuery={(q) => {
            setQuery(q);
            setHitIndex(0);
          }}
          onStep={(d) => showHit(hitIndex + d)}
          onClose={() => {
            setQuery(null);
            box.current?.focus();
          }}
        />
      ) : null}
      {editing !== null ? (
        <CorrectBar
          initial={editing}
          busy={busy}
          onSave={(text) => void run(correctionOps(tokens, selection, text))}
          onCancel={() => {
            setEditing(null);
            box.current?.focus();
          }}
        />
      ) : null}
      {error ? (
        <p
          role="alert"
          data-testid="transcript-error"
          className="rounded-md bg-red-50 p-2 text-xs text-red-800 dark:bg-red-950/60 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      {needsWords ? (
        <div className="flex flex-wrap items-center gap-2 rounded-lg border border-dashed border-zinc-300 p-3 text-sm dark:border-zinc-700">
          <span className="flex-1">
            {data.status === "none"
              ? t("transcript.notYet")
              : t("transcript.notYetSome", { names: data.missing.join(", ") })}
          </span>
          <Button
            size="sm"
            variant="primary"
            data-testid="transcribe"
            disabled={transcribe.isPending}
            onClick={() => transcribe.mutate()}
          >
            {transcribe.isPending ? (
              <>
                <Spinner /> {t("transcript.listening")}
              </>
            ) : (
              t("transcript.transcribe")
            )}
          </Button>
          {transcribe.error ? (
            <p role="alert" className="w-full text-xs text-red-700 dark:text-red-300">
              {sentence(transcribe.error, t("transcript.failed"))}
            </p>
          ) : null}
        </div>
      ) : null}
      {data?.status === "silent" ? <Empty text={t("transcript.silent")} /> : null}
      <div
        ref={box}
        tabIndex={0}
        data-transcript-focus
        data-testid="transcript-words"
        aria-label={t("transcript.wordsLabel")}
        onKeyDown={onKeyDown}
        className="min-h-0 flex-1 overflow-y-auto rounded-lg p-1 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand"
      >
        {tokens.length ? (
          <TranscriptWords
            tokens={tokens}
            selection={selection}
            current={current}
            hits={hitSet}
            activeHit={hits[hitIndex] ?? null}
            playing={playing}
            onSelect={setSelection}
            onSeek={onSeek}
            onEdit={(i) => startEdit(i)}
            onRestore={(w) => void run(restoreOps(w))}
          />
        ) : data?.status === "ready" ? (
          <Empty text={t("transcript.noWords")} />
        ) : null}
      </div>
      {data?.engine ? (
        <p data-testid="transcript-engine" className="text-[11px] text-zinc-500">
          {/* Which engine heard the words: pocketsphinx (offline, English only) says what it cannot do. */}
          {t(/pocketsphinx/i.test(data.engine) ? "transcript.engineOffline" : "transcript.engine", {
            engine: data.engine,
          })}{" "}
          {t("transcript.hint")}
        </p>
      ) : null}
    </section>
  );
}

function Empty({ text }: { text: string }) {
  return <p className="p-3 text-sm text-zinc-500">{text}</p>;
}
