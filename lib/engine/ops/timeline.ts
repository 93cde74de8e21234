import { AppError } from "@/lib/errors";
import {
  draftDuration,
  draftSchema,
  type AudioTrack,
  type Draft,
  type TextTrack,
  type Track,
  type VideoSegment,
  type VideoTrack,
} from "@/lib/draft/schema";
import {
  audioTracks,
  isAudioTrack,
  isTextTrack,
  isVideoTrack,
  segmentsOf,
  textTracks,
  tracksOf,
  videoTrack,
  withTracks,
} from "@/lib/draft/tracks";

// Shared arithmetic for the operations: seconds <-> ms, "0:05" labels, the main video
// track, and `finishDraft`, the one exit every op goes through so the invariants hold
// (sorted, non-overlapping segments, no empty side tracks, d = draftDuration).

export const toMs = (sec: number) => Math.round(sec * 1000);

/** "0:05", "0:03.2", "1:30", "1:02:03": the times replies show. */
export function formatTime(ms: number): string {
  const tenths = Math.round(ms / 100);
  const totalSec = Math.floor(tenths / 10);
  const frac = tenths % 10;
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = totalSec % 60;
  const sec = `${String(s).padStart(2, "0")}${frac ? `.${frac}` : ""}`;
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** "7 s", "1.5 s", "2 min 5 s": a length, not a position. */
export function formatLength(ms: number): string {
  if (ms < 1000) return `${Math.round(ms / 10) / 100} s`;
  const s = Math.round(ms / 100) / 10;
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return rest ? `${m} min ${rest} s` : `${m} min`;
}

/** Output length of a clip: its source range played at its speed. Stills keep their hold time. */
export function clipLength(seg: Pick<VideoSegment, "in" | "out" | "speed">): number {
  return Math.max(1, Math.round((seg.out - seg.in) / seg.speed));
}

export function mainTrackIndex(draft: Draft): number {
  return tracksOf(draft).findIndex(isVideoTrack);
}

export function mainTrack(draft: Draft): VideoTrack | undefined {
  return videoTrack(draft);
}

/** The clips of the main track, or the "add a clip first" error every edit needs. */
export function requireClips(draft: Draft): VideoSegment[] {
  const track = mainTrack(draft);
  if (!track || segmentsOf(track).length === 0)
    throw new AppError("validation", "Add a clip first: drop a video on the page.");
  return segmentsOf(track);
}

/** End of the main video on the output timeline (0 when there is none). */
export function videoEnd(draft: Draft): number {
  const track = mainTrack(draft);
  const clips = track ? segmentsOf(track) : [];
  if (clips.length === 0) return 0;
  const last = clips[clips.length - 1];
  return last.st + last.d;
}

/** Lays clips end to end from 0, each as long as its range and speed say. */
export function packClips(clips: VideoSegment[]): VideoSegment[] {
  let st = 0;
  return clips.map((c) => {
    const d = clipLength(c);
    const out = { ...c, st, d };
    st += d;
    return out;
  });
}

/** Output times where the picture jumps to another file or back in the same one: captions break there. */
export function clipJumps(draft: Draft): number[] {
  const main = mainTrack(draft);
  const clips = main ? segmentsOf(main) : [];
  return clips.flatMap((c, i) => {
    const prev = clips[i - 1];
    return prev && (prev.src !== c.src || c.in < prev.out) ? [c.st] : [];
  });
}

export function replaceMainClips(draft: Draft, clips: VideoSegment[]): Draft {
  const i = mainTrackIndex(draft);
  const t = [...tracksOf(draft)];
  t[i] = { ...(t[i] as VideoTrack), sg: packClips(clips) };
  return withTracks(draft, t);
}

// Plain booleans, not type guards: a guard's false branch would wrongly drop every audio
// (or text) track from the type of what remains.
export const isMusicTrack = (t: Track): boolean => isAudioTrack(t) && t.m.role === "music";
export const isCaptionTrack = (t: Track): boolean => isTextTrack(t) && t.m.role === "captions";
export const isTitleTrack = (t: Track): boolean => isTextTrack(t) && t.m.role !== "captions";

export const musicTrack = (draft: Draft): AudioTrack | undefined =>
  audioTracks(draft).find(isMusicTrack);
export const titleTracks = (draft: Draft): TextTrack[] => textTracks(draft).filter(isTitleTrack);

/** Adds a track in the usual order: video tracks, then audio, then text (drawn last, on top). */
export function insertTrack(tracks: Track[], track: Track): Track[] {
  const rank = (t: Track) => (isVideoTrack(t) ? 0 : isAudioTrack(t) ? 1 : 2);
  const at = tracks.findIndex((t) => rank(t) > rank(track));
  return at < 0 ? [...tracks, track] : [...tracks.slice(0, at), track, ...tracks.slice(at)];
}

/**
 * Side tracks cut at the end of the picture (music is refitted separately). Ops keep
 * this on their own; applyOp also runs it on the incoming draft so a timeline saved by
 * older code, or by hand, cannot block every later edit.
 */
export function clipToVideo(draft: Draft): Draft {
  const end = videoEnd(draft);
  if (end === 0) return draft;
  const main = mainTrackIndex(draft);
  const t = tracksOf(draft).map((track, i): Track => {
    if (i === main || isMusicTrack(track)) return track;
    const sg = segmentsOf(track)
      .filter((seg) => seg.st < end)
      .map((seg) => {
        if (seg.st + seg.d <= end) return seg;
        const d = end - seg.st;
        const cut = { ...seg, d };
        if ("words" in cut && Array.isArray(cut.words))
          cut.words = cut.words.filter((w) => w.e <= end);
        if (!isTextTrack(track) && "out" in cut)
          Object.assign(cut, {
            out:
              (cut as { in: number }).in + Math.round(d * ((cut as { speed?: number }).speed ?? 1)),
          });
        return cut;
      });
    return { ...track, sg } as Track;
  });
  return withTracks(draft, t);
}

/**
 * Puts the draft back in canonical shape and validates it: segments sorted, side tracks
 * that lost all their segments removed (the main track stays), `d` recomputed. A schema
 * failure here is our bug, not the user's, so it is an internal error.
 */
export function finishDraft(draft: Draft): Draft {
  const main = mainTrackIndex(draft);
  const t = tracksOf(draft)
    .map((track) => ({ ...track, sg: [...segmentsOf(track)].sort((a, b) => a.st - b.st) }) as Track)
    .filter((track, i) => i === main || segmentsOf(track).length > 0);
  const parsed = draftSchema.safeParse({ ...draft, t, d: draftDuration(t) });
  if (!parsed.success) {
    throw new AppError(
      "internal",
      "That edit produced an invalid timeline, so it was not applied. Please try a different wording.",
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}
