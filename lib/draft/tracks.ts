import {
  TRACK_AUDIO,
  TRACK_TEXT,
  TRACK_VIDEO,
  type AudioTrack,
  type Draft,
  type TextTrack,
  type Track,
  type VideoSegment,
  type VideoTrack,
} from "./schema";

// The draft in words. The schema keeps NemoVideo's wire names (`t` tracks, `tt` track
// type, `sg` segments, `d` duration, `m` meta) so drafts travel to and from the cloud
// unchanged; code that reads a draft uses these instead, so it says what it means:
// `hasVideo(draft)`, not `draft.t.some((t) => t.tt === 0 && t.sg.length)`.

export const isVideoTrack = (t: Track): t is VideoTrack => t.tt === TRACK_VIDEO;
export const isAudioTrack = (t: Track): t is AudioTrack => t.tt === TRACK_AUDIO;
export const isTextTrack = (t: Track): t is TextTrack => t.tt === TRACK_TEXT;

/** Every track, bottom to top. */
export const tracksOf = (draft: Draft): Track[] => draft.t;

/** The main video track (the first one), if any. */
export const videoTrack = (draft: Draft): VideoTrack | undefined => draft.t.find(isVideoTrack);
export const videoTracks = (draft: Draft): VideoTrack[] => draft.t.filter(isVideoTrack);
export const audioTracks = (draft: Draft): AudioTrack[] => draft.t.filter(isAudioTrack);
export const textTracks = (draft: Draft): TextTrack[] => draft.t.filter(isTextTrack);

/** The clips of the main video track, in time order; none when there is no video track. */
export const videoClips = (draft: Draft): VideoSegment[] => videoTrack(draft)?.sg ?? [];

/** A track's segments (clips, sounds or cues), in time order. */
export const segmentsOf = <T extends Track>(track: T): T["sg"] => track.sg;

/** The output length, ms. */
export const durationMs = (draft: Draft): number => draft.d;

/** At least one clip on a video track. */
export const hasVideo = (draft: Draft): boolean =>
  draft.t.some((t) => isVideoTrack(t) && t.sg.length > 0);

/** The same draft with other tracks. */
export const withTracks = (draft: Draft, tracks: Track[]): Draft => ({ ...draft, t: tracks });
