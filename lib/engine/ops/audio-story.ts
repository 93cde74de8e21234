import { AUDIOGRAM_COLOR, type Audiogram } from "@/lib/draft/audiogram";
import {
  TRACK_TEXT,
  TRACK_VIDEO,
  type AudioSegment,
  type AudioTrack,
  type Draft,
  type Track,
  type VideoSegment,
} from "@/lib/draft/schema";
import { audioTracks, hasVideo, isVideoTrack, segmentsOf, tracksOf } from "@/lib/draft/tracks";
import type { MediaRecord } from "../media/types";
import {
  finishDraft,
  formatTime,
  insertTrack,
  isTitleTrack,
  packClips,
  videoEnd,
} from "./timeline";

// Audio-only stories (podcasts, voice notes): a project with sound files and no video is
// turned into an audiogram instead of being refused. The speech goes on the main track
// (so trims, cuts and captions from speech work on it as on any clip), the picture is a
// background (a solid colour, the project's photo, or the sound file's cover art) with an animated waveform and the
// title, drawn by lib/engine/render/build-audiogram-args.ts. `draft.m.audiogram` marks the
// draft and holds the background (lib/draft/audiogram.ts), so the renderer knows what to draw.

const hasPicture = (m: MediaRecord) =>
  m.kind === "image" || (m.kind === "video" && m.probe.hasVideo);
const isSound = (m: MediaRecord) => !hasPicture(m) && m.probe.hasAudio && m.probe.durationMs > 0;

/**
 * When the timeline has no picture and the project holds sound but no video: the draft
 * as an audiogram (the sound on the main track, a background, a title), with a sentence
 * for the reply. Null when the project is not an audio story (the usual rules apply).
 */
export function startAudioStory(
  draft: Draft,
  media: MediaRecord[],
  newId: () => string,
  lang: "en" | "zh" = "en",
): { draft: Draft; summary: string } | null {
  if (hasVideo(draft)) return null;
  if (media.some((m) => m.kind === "video" && m.probe.hasVideo)) return null;
  // Sound already on the timeline (added as a voice track) keeps its trims and order;
  // otherwise every sound file, in upload order.
  const voiceTracks: AudioTrack[] = audioTracks(draft).filter((t) => t.m.role !== "music");
  const placed: AudioSegment[] = voiceTracks
    .flatMap((t) => segmentsOf(t))
    .sort((a, b) => a.st - b.st);
  const byId = new Map(media.map((m) => [m.id, m]));
  const sources = placed.length
    ? placed
        .filter((s) => byId.has(s.src))
        .map((s) => ({ rec: byId.get(s.src)!, in: s.in, out: s.out, volume: s.volume }))
    : media.filter(isSound).map((rec) => ({ rec, in: 0, out: rec.probe.durationMs, volume: 1 }));
  if (sources.length === 0) return null;

  const clips: VideoSegment[] = sources.map(({ rec, in: inPoint, out, volume }) => ({
    id: newId(),
    st: 0,
    d: out - inPoint,
    src: rec.id,
    name: rec.name,
    in: inPoint,
    out,
    speed: 1,
    volume,
    fadeIn: 0,
    fadeOut: 0,
    rotate: 0,
    hflip: false,
    vflip: false,
    color: "none",
    transitionIn: 0,
  }));
  // The project's photo, else the cover art inside the sound file, else a solid colour.
  const photo =
    media.find((m) => m.kind === "image") ?? sources.find((s) => s.rec.probe.hasCover)?.rec;
  const audiogram: Audiogram = {
    background: photo ? { src: photo.id } : { color: AUDIOGRAM_COLOR },
    wave: "#FFFFFF",
  };
  let t: Track[] = tracksOf(draft).filter(
    (x) => !(voiceTracks as Track[]).includes(x) && !isVideoTrack(x),
  );
  t = [{ tt: TRACK_VIDEO, sg: packClips(clips), m: { name: "Audiogram", role: "main" } }, ...t];
  let next: Draft = { ...draft, t, m: { ...draft.m, audiogram } as Draft["m"] };
  const end = videoEnd(next);

  const title = storyTitle(draft, sources[0].rec.name);
  if (!tracksOf(next).some(isTitleTrack)) {
    next = {
      ...next,
      t: insertTrack(next.t, {
        tt: TRACK_TEXT,
        sg: [
          {
            id: newId(),
            st: 0,
            d: end,
            text: title,
            kind: "title",
            position: "top",
            size: 0.07,
            color: "#FFFFFF",
            style: "classic",
          },
        ],
        m: { name: "Titles", role: "titles" },
      }),
    };
  }
  next = finishDraft(next);
  const names = sources.map((s) => s.rec.name).join(", ");
  if (lang === "zh") {
    const bg = !photo
      ? "纯色背景"
      : photo.kind === "image"
        ? `以 ${photo.name} 为背景`
        : `以 ${photo.name} 的封面为背景`;
    return {
      draft: next,
      summary: `这个项目里没有视频，所以我把 ${names}（${formatTime(end)}）做成了音频波形视频：${bg}，随声音跳动的波形，标题“${title}”。`,
    };
  }
  const background = !photo
    ? "a solid background"
    : photo.kind === "image"
      ? `${photo.name} as the background`
      : `the cover of ${photo.name} as the background`;
  return {
    draft: next,
    summary: `No video in this project, so I made an audiogram of ${names} (${formatTime(end)}): ${background}, a moving waveform of the sound and the title "${title}".`,
  };
}

/** The project's own title when it has one, else the sound file's name without its extension. */
function storyTitle(draft: Draft, fileName: string): string {
  const own = draft.m.title.trim();
  if (own && own !== "Untitled project") return own.slice(0, 120);
  return (
    fileName
      .replace(/\.[^.]+$/, "")
      .replace(/[_-]+/g, " ")
      .trim()
      .slice(0, 120) || "Audio story"
  );
}
