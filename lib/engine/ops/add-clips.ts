import { AppError } from "@/lib/errors";
import {
  TRACK_AUDIO,
  TRACK_VIDEO,
  draftDuration,
  type AudioSegment,
  type AudioTrack,
  type Draft,
  type Track,
  type VideoSegment,
  type VideoTrack,
} from "@/lib/draft/schema";
import { isAudioTrack, segmentsOf, tracksOf, withTracks } from "@/lib/draft/tracks";
import type { Op } from "@/lib/plan/schema";
import { displaySize, type MediaRecord } from "../media/types";
import { ASPECT_SIZES } from "./framing-ops";
import type { OpContext, OpResult } from "./types";
import { formatTime, insertTrack, mainTrackIndex, packClips, videoEnd } from "./timeline";

// add_clips: append media to the timeline in the order given (or upload order). Videos
// go on the main track at their full length, photos are held 3 s, sound files go on
// an audio track. The first picture on an empty timeline decides the frame size and rate.

type AddClipsOp = Extract<Op, { op: "add_clips" }>;

const STILL_MS = 3000;

function choose(op: AddClipsOp, draft: Draft, media: MediaRecord[]): MediaRecord[] {
  if (media.length === 0)
    throw new AppError(
      "validation",
      "Upload a clip first: drop a video, photo or audio file on the page.",
    );
  if (op.mediaIds) {
    if (op.mediaIds.length === 0)
      throw new AppError("validation", "Say which files to add to the timeline.", {
        field: "mediaIds",
      });
    return op.mediaIds.map((id) => {
      const rec = media.find((m) => m.id === id);
      if (!rec)
        throw new AppError(
          "validation",
          "One of those files is no longer in this project: upload it again.",
          { field: "mediaIds" },
        );
      return rec;
    });
  }
  const used = new Set(
    tracksOf(draft).flatMap((t) => segmentsOf(t).map((s) => ("src" in s ? s.src : ""))),
  );
  const fresh = media.filter((m) => !used.has(m.id));
  if (fresh.length === 0)
    throw new AppError(
      "validation",
      "Everything you uploaded is already on the timeline. Drop another file to add more.",
    );
  return fresh;
}

const isPicture = (m: MediaRecord) =>
  m.kind === "image" || (m.kind === "video" && m.probe.hasVideo);
const even = (n: number) => Math.max(16, Math.min(4096, 2 * Math.round(n / 2)));

export function addClips(draft: Draft, op: AddClipsOp, ctx: OpContext): OpResult {
  const picked = choose(op, draft, ctx.media);
  let main = mainTrackIndex(draft);
  let t: Track[] = tracksOf(draft);
  if (main < 0) {
    t = [{ tt: TRACK_VIDEO, sg: [], m: { name: "Main video", role: "main" } }, ...t];
    main = 0;
  }
  const wasEmpty = segmentsOf(t[main]).length === 0;
  const clips: VideoSegment[] = [...segmentsOf(t[main] as VideoTrack)];
  const sounds: AudioSegment[] = [];
  const audioTrack = t.findIndex((x) => isAudioTrack(x) && x.m.role === "voice");
  let soundAt =
    audioTrack < 0 ? 0 : Math.max(0, ...segmentsOf(t[audioTrack]).map((s) => s.st + s.d));
  const added: string[] = [];
  for (const rec of picked) {
    const len = rec.kind === "image" ? STILL_MS : rec.probe.durationMs;
    if (len <= 0)
      throw new AppError(
        "validation",
        `"${rec.name}" has no length I can use. Try exporting it again from its app and re-uploading.`,
      );
    const base = {
      id: ctx.newId(),
      st: 0,
      d: len,
      src: rec.id,
      name: rec.name,
      in: 0,
      out: len,
      volume: 1,
      fadeIn: 0,
      fadeOut: 0,
    };
    if (isPicture(rec)) {
      clips.push({
        ...base,
        speed: 1,
        rotate: 0,
        hflip: false,
        vflip: false,
        color: "none",
        transitionIn: 0,
      });
    } else {
      sounds.push({ ...base, st: soundAt, loop: false, duck: false });
      soundAt += len;
    }
    added.push(`${rec.name} (${formatTime(len)})`);
  }
  t = t.map((x, i) => (i === main ? { ...(x as VideoTrack), sg: packClips(clips) } : x));
  if (sounds.length) {
    if (audioTrack >= 0)
      t = t.map((x, i) =>
        i === audioTrack
          ? ({ ...x, sg: [...segmentsOf(x as AudioTrack), ...sounds] } as AudioTrack)
          : x,
      );
    else t = insertTrack(t, { tt: TRACK_AUDIO, sg: sounds, m: { name: "Audio", role: "voice" } });
  }
  // The picture sets the length: sound past the end of the video is cut there.
  const end = videoEnd(withTracks(draft, t));
  let overhang = "";
  if (end > 0) {
    t = t.map((x): Track => {
      if (!isAudioTrack(x) || x.m.role === "music") return x;
      const long = segmentsOf(x).filter((seg) => seg.st + seg.d > end);
      if (long.length)
        overhang = ` ${long.map((seg) => seg.name ?? "The sound").join(", ")} ${long.length === 1 ? "is" : "are"} longer than the video, so ${long.length === 1 ? "it stops" : "they stop"} at ${formatTime(end)}.`;
      const sg = segmentsOf(x)
        .filter((seg) => seg.st < end)
        .map((seg) =>
          seg.st + seg.d > end ? { ...seg, d: end - seg.st, out: seg.in + end - seg.st } : seg,
        );
      return { ...x, sg };
    });
  }
  let next: Draft = withTracks(draft, t);
  let frame = "";
  const first = picked.find(isPicture);
  if (wasEmpty && first) {
    const size =
      first.kind === "video" || first.probe.width > 0
        ? displaySize(first.probe)
        : { width: 1920, height: 1080 };
    const fps =
      first.kind === "video" && first.probe.fps > 0
        ? Math.min(60, Math.round(first.probe.fps * 1000) / 1000)
        : draft.m.fps;
    const width = even(size.width);
    const height = even(size.height);
    // Name the shape only when it is one of the four the app offers; an odd one is kept as is.
    const shape = (Object.keys(ASPECT_SIZES) as (keyof typeof ASPECT_SIZES)[]).find((k) => {
      const r = ASPECT_SIZES[k].width / ASPECT_SIZES[k].height;
      return Math.abs(width / height / r - 1) < 0.03;
    });
    next = { ...next, m: { ...next.m, width, height, fps, ...(shape ? { aspect: shape } : {}) } };
    frame = ` The frame is ${width}x${height} at ${fps} fps, from ${first.name}.`;
  }
  const n = picked.length;
  return {
    draft: next,
    summary: `Added ${n === 1 ? "" : `${n} files `}to the timeline: ${added.join(", ")}; it is now ${formatTime(videoEnd(next) || draftDuration(tracksOf(next)))} long.${frame}${overhang}`,
    tip: "By hand: drag the clips from the media bin onto the timeline one after another (or select them and use Append to End).",
  };
}
