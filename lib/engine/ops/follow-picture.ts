import {
  type AudioSegment,
  type Draft,
  type TextSegment,
  type TextTrack,
  type Track,
  type VideoSegment,
} from "@/lib/draft/schema";
import { isAudioTrack, isTextTrack, segmentsOf, tracksOf, withTracks } from "@/lib/draft/tracks";
import { layoutCaptions } from "../captions/layout-captions";
import type { MediaRecord } from "../media/types";
import { mapOne, type TimeMap } from "./time-map";
import { captionSegments } from "./caption-track";
import { clipJumps, finishDraft, isMusicTrack, mainTrackIndex, videoEnd } from "./timeline";

// After the main clips change, the other tracks follow the picture through the TimeMap:
// captions are laid out again from their surviving words (so a cut drops the words said
// inside it and pulls later cues earlier), titles move or shrink with what they covered,
// voice-over is split where the picture was cut, and background music is refitted to
// the new length. Returns notes for the reply about anything that disappeared.

const MIN_TITLE_MS = 300;

export interface FollowResult {
  draft: Draft;
  notes: string[];
}

export function followPicture(
  after: Draft,
  map: TimeMap,
  media: MediaRecord[],
  newId: () => string,
): FollowResult {
  const notes: string[] = [];
  const main = mainTrackIndex(after);
  const end = videoEnd(after);
  const t = tracksOf(after).map((track, i): Track => {
    if (i === main) return track;
    if (isMusicTrack(track)) return track;
    if (isTextTrack(track)) return followText(track, map, end, clipJumps(after), newId, notes);
    if (isAudioTrack(track))
      return { ...track, sg: splitMedia(segmentsOf(track), map, end, newId) };
    return { ...track, sg: splitMedia(segmentsOf(track), map, end, newId) };
  });
  return { draft: finishDraft(fitMusic(withTracks(after, t), media)), notes };
}

function followText(
  track: TextTrack,
  map: TimeMap,
  end: number,
  breaks: number[],
  newId: () => string,
  notes: string[],
): TextTrack {
  const withWords =
    segmentsOf(track).length > 0 &&
    segmentsOf(track).every((c) => c.kind === "caption" && c.words && c.words.length > 0);
  if (withWords) {
    const words = segmentsOf(track)
      .flatMap((c) => c.words ?? [])
      .flatMap((w) => {
        const span = mapOne(map, w.s, w.e, 0.5);
        return span && span.s < end ? [{ w: w.w, s: span.s, e: Math.min(span.e, end) }] : [];
      });
    const cues = layoutCaptions(words, { breaks }).map((c) => ({
      ...c,
      d: Math.min(c.d, Math.max(1, end - c.st)),
    }));
    return { ...track, sg: captionSegments(cues, segmentsOf(track)[0], newId) };
  }
  const sg: TextSegment[] = [];
  for (const seg of segmentsOf(track)) {
    const span = mapOne(map, seg.st, seg.st + seg.d);
    const e = span ? Math.min(span.e, end) : 0;
    if (!span || e - span.s < Math.min(MIN_TITLE_MS, seg.d)) {
      if (seg.kind === "title")
        notes.push(`The title "${seg.text}" was in the removed part, so it was removed too.`);
      continue;
    }
    const words = seg.words?.flatMap((w) => {
      const m = mapOne(map, w.s, w.e, 0.5);
      return m && m.s >= span.s && m.e <= e ? [{ w: w.w, s: m.s, e: m.e }] : [];
    });
    sg.push({ ...seg, st: span.s, d: e - span.s, ...(words ? { words } : {}) });
  }
  return { ...track, sg: dropOverlaps(sg) };
}

/** Voice-over and overlay clips: each surviving stretch becomes its own segment with the matching source range. */
function splitMedia<S extends AudioSegment | VideoSegment>(
  segs: S[],
  map: TimeMap,
  end: number,
  newId: () => string,
): S[] {
  const out: S[] = [];
  for (const seg of segs) {
    const rate = speedOf(seg);
    let first = true;
    for (const p of map) {
      const a = Math.max(seg.st, p.from);
      const b = Math.min(seg.st + seg.d, p.to);
      if (b <= a) continue;
      // A sound keeps its own pace when the picture under it is sped up: it is placed, not stretched.
      const st = Math.round(p.at + (a - p.from) * p.scale);
      const d = Math.min(b - a, end - st);
      if (d <= 0) continue;
      const srcIn = seg.in + Math.round((a - seg.st) * rate);
      out.push({
        ...seg,
        id: first ? seg.id : newId(),
        st,
        d,
        in: srcIn,
        out: srcIn + Math.round(d * rate),
      });
      first = false;
    }
  }
  // Keep each source range in step with its (possibly shortened) length.
  return dropOverlaps(out).map((seg) => ({
    ...seg,
    out: seg.in + Math.round(seg.d * speedOf(seg)),
  }));
}

const speedOf = (seg: AudioSegment | VideoSegment) => (seg as { speed?: number }).speed ?? 1;

/** Shortens a segment that would run into the next one (after a reorder or a slowed-down stretch). */
function dropOverlaps<S extends { st: number; d: number }>(segs: S[]): S[] {
  const sorted = [...segs].sort((a, b) => a.st - b.st);
  const out: S[] = [];
  for (const seg of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.st + prev.d > seg.st) {
      const d = seg.st - prev.st;
      if (d <= 0) continue;
      out[out.length - 1] = { ...prev, d };
    }
    out.push(seg);
  }
  return out;
}

/** Background music always covers the whole video: looped when short, trimmed when long, faded out at the end. */
export function fitMusic(draft: Draft, media: MediaRecord[]): Draft {
  const end = videoEnd(draft);
  const t = tracksOf(draft).map((track): Track => {
    if (!isAudioTrack(track) || !isMusicTrack(track) || segmentsOf(track).length === 0)
      return track;
    const seg = segmentsOf(track)[0];
    if (end === 0) return { ...track, sg: [] };
    const known = media.find((m) => m.id === seg.src)?.probe.durationMs;
    const sourceLen = Math.max(
      1,
      (known ?? (seg.loop ? seg.out : Math.max(seg.out, seg.in + end))) - seg.in,
    );
    const loop = sourceLen < end;
    const fadeOut = Math.min(1500, Math.round(end / 3));
    return {
      ...track,
      sg: [{ ...seg, st: 0, d: end, loop, out: seg.in + (loop ? sourceLen : end), fadeOut }],
    };
  });
  return withTracks(draft, t);
}
