"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { formatClock } from "@/lib/client/format";
import { mainVideoSegments, sourceAt, textAt, timelineAt } from "@/lib/client/timeline-math";
import { draftDuration, type Draft } from "@/lib/draft/schema";
import type { MediaItem } from "@/lib/media/schema";
import type { Op } from "@/lib/plan/schema";
import { Button } from "@/components/ui/button";
import { PauseIcon, PlayIcon } from "@/components/ui/icons";
import { useT } from "@/stores/locale";
import { usePlayerStore } from "@/stores/player";
import { BlurFill } from "./blur-fill";
import { CaptionOverlay } from "./caption-overlay";
import { PlaceTitleButton, PlaceTitleZones, useTitleToPlace } from "./title-placer";

/**
 * Plays the latest preview render when it matches the timeline; otherwise plays the
 * source clips through the timeline (in points, speed, order) with text drawn on top.
 * `onOps`: edits made on the preview (placing a title), through the same path as the chat's.
 */
export function PreviewPlayer({
  draft,
  version,
  media,
  renderedUrl,
  footer,
  onOps,
}: {
  draft: Draft | undefined;
  version: number | undefined;
  media: MediaItem[];
  renderedUrl: string | null;
  footer?: React.ReactNode;
  onOps?(ops: Op[]): void;
}) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [boxH, setBoxH] = useState(270);
  const currentMs = usePlayerStore((s) => s.currentMs);
  const playing = usePlayerStore((s) => s.playing);
  const [placing, setPlacing] = useState(false);
  const titleToPlace = useTitleToPlace(draft, currentMs);
  const { setTime, setPlaying, register } = usePlayerStore.getState();

  const byId = useMemo(() => new Map(media.map((m) => [m.id, m])), [media]);
  const segments = useMemo(() => (draft ? mainVideoSegments(draft) : []), [draft]);
  const duration = draft ? draftDuration(draft.t) : 0;
  const firstVideo = media.find((m) => m.kind === "video");
  const mode: "rendered" | "timeline" | "clip" | "empty" = renderedUrl
    ? "rendered"
    : segments.length
      ? "timeline"
      : firstVideo
        ? "clip"
        : "empty";

  const [segIdx, setSegIdx] = useState(0);
  const seg = mode === "timeline" ? segments[Math.min(segIdx, segments.length - 1)] : undefined;
  const segItem = seg ? byId.get(String(seg.src)) : undefined;
  const src =
    mode === "rendered"
      ? renderedUrl
      : mode === "timeline"
        ? segItem?.url
        : mode === "clip"
          ? firstVideo?.url
          : undefined;
  const still = mode === "timeline" && segItem?.kind === "image";

  // Where to put the source once the new src has loaded, and whether to keep playing.
  const pending = useRef<{ sec: number; play: boolean } | null>(null);
  const stillClock = useRef<{ startMs: number; at: number } | null>(null);

  const seek = useCallback(
    (ms: number, keepPlaying = usePlayerStore.getState().playing) => {
      const el = video.current;
      const clamped = Math.max(
        0,
        Math.min(ms, mode === "timeline" || mode === "rendered" ? duration || ms : ms),
      );
      setTime(clamped);
      if (mode === "timeline") {
        const pos = sourceAt(segments, clamped);
        if (!pos) return;
        const target = segments[pos.index];
        const sameSrc = segments[segIdx]?.src === target.src && pos.index === segIdx;
        if (byId.get(String(target.src))?.kind === "image") {
          stillClock.current = keepPlaying ? { startMs: clamped, at: performance.now() } : null;
          setSegIdx(pos.index);
          setPlaying(keepPlaying);
          return;
        }
        if (sameSrc && el) {
          el.currentTime = pos.sourceSec;
          if (keepPlaying) void el.play().catch(() => setPlaying(false));
        } else {
          pending.current = { sec: pos.sourceSec, play: keepPlaying };
          setSegIdx(pos.index);
        }
      } else if (el) {
        el.currentTime = clamped / 1000;
      }
    },
    [mode, duration, segments, segIdx, byId, setTime, setPlaying],
  );

  const play = useCallback(() => {
    const end = mode === "timeline" || mode === "rendered" ? duration : Infinity;
    if (currentMsRef.current >= end - 50) seek(0, true);
    if (still) {
      stillClock.current = { startMs: currentMsRef.current, at: performance.now() };
      setPlaying(true);
      return;
    }
    void video.current?.play().catch(() => setPlaying(false));
  }, [mode, duration, seek, still, setPlaying]);
  const pause = useCallback(() => {
    video.current?.pause();
    stillClock.current = null;
    setPlaying(false);
  }, [setPlaying]);
  const currentMsRef = useRef(currentMs);
  currentMsRef.current = currentMs;
  // The shuttle's rate (L pressed again plays 2x, 4x), on top of the clip's own speed.
  const rate = useRef(1);
  const clipSpeed = mode === "timeline" ? (seg?.speed ?? 1) : 1;
  const setRate = useCallback(
    (r: number) => {
      rate.current = r;
      if (video.current) video.current.playbackRate = clipSpeed * r;
    },
    [clipSpeed],
  );

  useEffect(() => {
    if (mode === "empty") return register(null);
    register({
      play,
      pause,
      toggle: () => (usePlayerStore.getState().playing ? pause() : play()),
      seek: (ms) => seek(ms),
      setRate,
    });
    return () => register(null);
  }, [mode, play, pause, seek, register, setRate]);

  // A new draft or render: start over from where the playhead is, paused.
  useEffect(() => {
    setPlaying(false);
    seek(Math.min(usePlayerStore.getState().currentMs, duration || 0), false);
    // A refetch that brings the same version must not interrupt playback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, renderedUrl]);

  // The playhead follows the source on every frame while playing (timeupdate is too coarse).
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    const tick = () => {
      const el = video.current;
      if (still && seg) {
        const clock = stillClock.current;
        const now = clock ? clock.startMs + (performance.now() - clock.at) : seg.st;
        if (now >= seg.st + seg.d) {
          if (segIdx + 1 < segments.length) seek(seg.st + seg.d, true);
          else pause();
        } else setTime(now);
      } else if (el && mode === "timeline" && seg) {
        if (el.currentTime * 1000 >= seg.out - 20 || el.ended) {
          if (segIdx + 1 < segments.length) seek(segments[segIdx + 1].st, true);
          else {
            pause();
            setTime(seg.st + seg.d);
          }
        } else setTime(timelineAt(seg, el.currentTime));
      } else if (el) {
        setTime(el.currentTime * 1000);
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, still, seg, segIdx, segments, mode, seek, pause, setTime]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setBoxH(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const aspect = draft ? `${draft.m.width} / ${draft.m.height}` : "16 / 9";
  // Framing as the render does it: crop fills the frame, blur puts a blurred copy behind,
  // pad leaves black bars (the box's own background). A rendered preview already has it.
  const fit = mode === "timeline" && draft ? draft.m.fit : "pad";
  const objectFit = fit === "crop" ? "object-cover" : "object-contain";
  const stillImg = useRef<HTMLImageElement>(null);
  // Text with no clip under it yet still shows, over black.
  const textOnly = mode === "empty" && duration > 0;
  const overlay = (mode === "timeline" || textOnly) && draft ? textAt(draft, currentMs) : [];
  const shownDuration =
    mode === "timeline" || mode === "rendered" ? duration : (firstVideo?.duration ?? 0) * 1000;

  return (
    <section
      aria-label={t("preview.label")}
      data-testid="preview-player"
      data-mode={mode}
      className="flex min-w-0 flex-col gap-2"
    >
      <div className="flex items-center justify-center overflow-hidden rounded-xl bg-zinc-950 ring-1 ring-zinc-900/10 dark:ring-white/10">
        <div
          ref={box}
          className="relative max-h-[46vh] w-full overflow-hidden"
          style={{
            aspectRatio: aspect,
            maxWidth: `calc(46vh * ${draft ? draft.m.width / draft.m.height : 16 / 9})`,
          }}
        >
          {mode === "empty" && textOnly ? (
            <p className="absolute inset-x-0 top-2 text-center text-xs text-zinc-400">
              {t("preview.textOnly")}
            </p>
          ) : mode === "empty" ? (
            <div className="absolute inset-0 flex flex-col items-center justify-center gap-1 p-6 text-center text-sm text-zinc-400">
              <p className="font-medium text-zinc-200">{t("preview.emptyTitle")}</p>
              <p>{t("preview.emptyHint")}</p>
            </div>
          ) : still && segItem ? (
            <>
              {fit === "blur" ? (
                <BlurFill source={stillImg} aspect={draft!.m.width / draft!.m.height} />
              ) : null}
              {/* eslint-disable-next-line @next/next/no-img-element -- a still from the session's media */}
              <img
                ref={stillImg}
                src={segItem.url}
                alt={segItem.name}
                data-fit={fit}
                className={`absolute inset-0 h-full w-full ${objectFit}`}
              />
            </>
          ) : (
            <>
              {fit === "blur" ? (
                <BlurFill source={video} aspect={draft!.m.width / draft!.m.height} />
              ) : null}
              <video
                ref={video}
                data-testid="preview-video"
                data-fit={fit}
                key={src ?? "none"}
                src={src ?? undefined}
                className={`absolute inset-0 h-full w-full ${objectFit}`}
                playsInline
                preload="auto"
                onClick={() => (playing ? pause() : play())}
                onLoadedMetadata={(e) => {
                  const p = pending.current;
                  const el = e.currentTarget;
                  el.playbackRate = clipSpeed * rate.current;
                  if (seg && mode === "timeline") {
                    el.volume = Math.min(1, seg.volume ?? 1);
                  }
                  if (p) {
                    el.currentTime = p.sec;
                    pending.current = null;
                    if (p.play) void el.play().catch(() => setPlaying(false));
                  } else if (mode === "timeline" && seg) {
                    el.currentTime = (seg.in ?? 0) / 1000;
                  }
                }}
                onPlay={() => setPlaying(true)}
                onPause={() => {
                  // Switching segments pauses the old element; only a real pause stops the clock.
                  if (!pending.current) setPlaying(false);
                }}
              />
            </>
          )}
          {overlay.length ? (
            <CaptionOverlay segments={overlay} heightPx={boxH} currentMs={currentMs} />
          ) : null}
          {placing && titleToPlace && onOps ? (
            <PlaceTitleZones title={titleToPlace} onOps={onOps} onDone={() => setPlacing(false)} />
          ) : null}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          variant="secondary"
          disabled={mode === "empty"}
          onClick={() => (playing ? pause() : play())}
          data-testid="preview-play"
          aria-label={t(playing ? "preview.pauseLabel" : "preview.playLabel")}
        >
          {playing ? <PauseIcon className="h-3.5 w-3.5" /> : <PlayIcon className="h-3.5 w-3.5" />}
          {t(playing ? "preview.pause" : "preview.play")}
        </Button>
        <span className="text-xs tabular-nums text-zinc-600 dark:text-zinc-400" aria-live="off">
          {formatClock(currentMs / 1000)} / {formatClock(shownDuration / 1000)}
        </span>
        <span data-testid="preview-mode" className="text-xs text-zinc-500 dark:text-zinc-400">
          {mode === "rendered"
            ? t("preview.rendered")
            : mode === "timeline"
              ? t("preview.live")
              : mode === "clip"
                ? t("preview.clip")
                : ""}
        </span>
        <span className="ml-auto flex items-center gap-1">
          {onOps ? (
            <PlaceTitleButton title={titleToPlace} placing={placing} onPlacing={setPlacing} />
          ) : null}
          {footer}
        </span>
      </div>
    </section>
  );
}
