import { AppError } from "@/lib/errors";
import {
  TRACK_AUDIO,
  type AudioSegment,
  type AudioTrack,
  type Draft,
  type Track,
} from "@/lib/draft/schema";
import { isAudioTrack, segmentsOf, tracksOf, withTracks } from "@/lib/draft/tracks";
import type { Op } from "@/lib/plan/schema";
import type { MediaRecord } from "../media/types";
import { fitMusic } from "./follow-picture";
import { describeClips, pickClips } from "./targets";
import type { OpContext, OpResult } from "./types";
import {
  formatLength,
  formatTime,
  insertTrack,
  isMusicTrack,
  musicTrack,
  replaceMainClips,
  requireClips,
  toMs,
  videoEnd,
} from "./timeline";

// volume, fade, music, remove_music, normalize. Levels are gains (1 unchanged, 0 mute);
// replies also give decibels because that is what editors show.

type VolumeOp = Extract<Op, { op: "volume" }>;
type FadeOp = Extract<Op, { op: "fade" }>;
type MusicOp = Extract<Op, { op: "music" }>;
type NormalizeOp = Extract<Op, { op: "normalize" }>;

const pct = (level: number) => `${Math.round(level * 100)}%`;
const db = (level: number) =>
  level === 0 ? "-inf dB" : `${(20 * Math.log10(level)).toFixed(1).replace(/\.0$/, "")} dB`;

const NO_MUSIC =
  "There is no background music yet: ask to add music first (upload an MP3, WAV, M4A or AAC file).";

export function volume(draft: Draft, op: VolumeOp): OpResult {
  const clips = requireClips(draft);
  const which = op.track ?? "video";
  const parts: string[] = [];
  let next = draft;
  if (which === "video" || which === "all") {
    const picked = pickClips(clips, op.target);
    next = replaceMainClips(
      next,
      clips.map((c, i) => (picked.includes(i) ? { ...c, volume: op.level } : c)),
    );
    const who = describeClips(picked, clips.length);
    parts.push(
      op.level === 0
        ? `Muted ${who}`
        : `Set the sound of ${who} to ${pct(op.level)} (${db(op.level)})`,
    );
  }
  if (which === "music" || which === "all") {
    const music = musicTrack(next);
    if (!music && which === "music") throw new AppError("validation", NO_MUSIC);
    if (music) {
      next = withTracks(
        next,
        tracksOf(next).map((t): Track =>
          t === music
            ? { ...music, sg: segmentsOf(music).map((s) => ({ ...s, volume: op.level })) }
            : t,
        ),
      );
      parts.push(
        op.level === 0 ? "muted the music" : `set the music to ${pct(op.level)} (${db(op.level)})`,
      );
    }
  }
  const summary = parts.join(" and ");
  return {
    draft: next,
    summary: `${summary[0].toUpperCase()}${summary.slice(1)}.`,
    tip: `By hand: select the clip and drag its volume line down (or set Volume to ${db(op.level)} in the audio inspector); for a mute, press the track's M button.`,
  };
}

export function fade(draft: Draft, op: FadeOp): OpResult {
  const clips = requireClips(draft);
  if (op.in === undefined && op.out === undefined) {
    throw new AppError(
      "validation",
      'Say how long the fade should be, e.g. "fade in over 1 second".',
    );
  }
  const fin = op.in === undefined ? undefined : toMs(op.in);
  const fout = op.out === undefined ? undefined : toMs(op.out);
  // Without a target a fade belongs to the whole video: in on the first clip, out on the last.
  const inIdx = op.target === undefined ? [0] : pickClips(clips, op.target);
  const outIdx = op.target === undefined ? [clips.length - 1] : inIdx;
  const next = clips.map((c, i) => {
    const fadeIn = fin !== undefined && inIdx.includes(i) ? fin : c.fadeIn;
    const fadeOut = fout !== undefined && outIdx.includes(i) ? fout : c.fadeOut;
    if (fadeIn + fadeOut > c.d) {
      throw new AppError(
        "validation",
        `The fades (${formatLength(fadeIn + fadeOut)}) are longer than clip ${i + 1} (${formatLength(c.d)}). Pick shorter fades.`,
      );
    }
    return { ...c, fadeIn, fadeOut };
  });
  const parts: string[] = [];
  if (fin !== undefined)
    parts.push(fin === 0 ? "removed the fade in" : `added a ${formatLength(fin)} fade in`);
  if (fout !== undefined)
    parts.push(fout === 0 ? "removed the fade out" : `added a ${formatLength(fout)} fade out`);
  const where = op.target === undefined ? "" : ` on ${describeClips(inIdx, clips.length)}`;
  const text = `${parts.join(" and ")}${where} (picture and sound).`;
  return {
    draft: replaceMainClips(draft, next),
    summary: text[0].toUpperCase() + text.slice(1),
    tip: "By hand: drag the small fade handle at the top corner of the clip inward, or drop a Fade to Black (Dip to Black) transition on its start or end.",
  };
}

/** The file a request means: its id, its exact name, or a name containing the words. */
function findMusic(media: MediaRecord[], source: string | undefined): MediaRecord {
  const usable = media.filter(
    (m) => m.kind === "audio" || (m.kind === "video" && m.probe.hasAudio),
  );
  if (source === undefined) {
    const first = usable.find((m) => m.kind === "audio");
    if (!first)
      throw new AppError(
        "validation",
        "Upload a song or audio file first (MP3, WAV, M4A or AAC), then ask for music.",
      );
    return first;
  }
  const key = source.trim().toLowerCase();
  const hit =
    usable.find((m) => m.id === source) ??
    usable.find((m) => m.name.toLowerCase() === key) ??
    usable.find((m) => m.name.toLowerCase().includes(key));
  if (!hit)
    throw new AppError(
      "validation",
      `I could not find "${source}" among your audio files. Upload it first, or use its file name.`,
      { field: "source" },
    );
  return hit;
}

export function music(draft: Draft, op: MusicOp, ctx: OpContext): OpResult {
  requireClips(draft);
  const rec = findMusic(ctx.media, op.source);
  const level = op.level ?? 0.3;
  const duck = op.duck ?? true;
  const seg: AudioSegment = {
    id: ctx.newId(),
    st: 0,
    d: videoEnd(draft),
    src: rec.id,
    name: rec.name,
    in: 0,
    out: Math.max(1, rec.probe.durationMs),
    volume: level,
    fadeIn: 0,
    fadeOut: 0,
    loop: false,
    duck,
  };
  const track: AudioTrack = { tt: TRACK_AUDIO, sg: [seg], m: { name: "Music", role: "music" } };
  // The same file laid down as plain audio would play twice: music replaces it.
  const others = tracksOf(draft)
    .filter((t) => !isMusicTrack(t))
    .map((t): Track =>
      isAudioTrack(t) ? { ...t, sg: segmentsOf(t).filter((s) => s.src !== rec.id) } : t,
    );
  const next = fitMusic(withTracks(draft, insertTrack(others, track)), ctx.media);
  const placed = segmentsOf(musicTrack(next)!)[0];
  const fit = placed.loop
    ? `looped to fill ${formatTime(placed.d)}`
    : `trimmed to ${formatTime(placed.d)}`;
  return {
    draft: next,
    summary: `Added "${rec.name}" as background music at ${pct(level)}, ${fit}, fading out over the last ${formatLength(placed.fadeOut)}${duck ? "; it dips under speech" : ""}.`,
    tip: `By hand: drag the song onto an audio track under the video, set its volume to about ${db(level)}, cut it at the video's end with a short fade out${duck ? ", and turn on auto-ducking (or add volume keyframes) so it dips while people talk" : ""}.`,
  };
}

export function removeMusic(draft: Draft): OpResult {
  const music = musicTrack(draft);
  if (!music) throw new AppError("validation", "There is no background music to remove.");
  return {
    draft: withTracks(
      draft,
      tracksOf(draft).filter((t) => t !== music),
    ),
    summary: `Removed the background music${segmentsOf(music)[0]?.name ? ` "${segmentsOf(music)[0].name}"` : ""}.`,
    tip: "By hand: click the music clip on its audio track and press Delete.",
  };
}

export function normalize(draft: Draft, op: NormalizeOp): OpResult {
  requireClips(draft);
  const lufs = op.lufs ?? -14;
  return {
    draft: { ...draft, m: { ...draft.m, loudness: lufs } },
    summary: `The export will be normalised to ${lufs} LUFS${lufs === -14 ? " (the loudness YouTube and Spotify play at)" : ""}, so it is neither too quiet nor clipped.`,
    tip: `By hand: add a Loudness / Normalize effect to the mix (or use the export's loudness option) with an integrated target of ${lufs} LUFS and a true peak of -1 dBTP.`,
  };
}
