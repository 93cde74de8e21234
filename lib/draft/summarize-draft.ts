import { TRACK_AUDIO, TRACK_TEXT, TRACK_VIDEO, type Draft, type Track } from "./schema";

// The one-line text form of a timeline, as the NemoVideo docs show it:
//   Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)
// Used by "show tracks", by screen readers, and to describe the cloud's silent turns.

export function formatSeconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}

function span(st: number, d: number): string {
  return `${formatSeconds(st)}-${formatSeconds(st + d)}s`;
}

function describeTrack(track: Track): string {
  if (track.sg.length === 0) return `${trackLabel(track)}: empty`;
  const first = track.sg[0];
  const last = track.sg[track.sg.length - 1];
  const whole = span(first.st, last.st + last.d - first.st);
  if (track.tt === TRACK_VIDEO) {
    const names = [...new Set(track.sg.map((s) => s.name ?? "clip"))];
    const count = track.sg.length > 1 ? `, ${track.sg.length} clips` : "";
    return `Video: ${names.join(" + ")} (${whole}${count})`;
  }
  if (track.tt === TRACK_AUDIO) {
    const seg = track.sg[0];
    const label = track.m.role === "voice" ? "Voice" : "BGM";
    return `${label}: ${seg.name ?? "audio"} (${whole}, ${Math.round(seg.volume * 100)}%)`;
  }
  if (track.m.role === "captions" || track.sg.every((s) => s.kind === "caption")) {
    return `Captions: ${track.sg.length} cue${track.sg.length === 1 ? "" : "s"} (${whole})`;
  }
  if (track.sg.length === 1) return `Title: "${first.text}" (${span(first.st, first.d)})`;
  return `Titles: ${track.sg.map((s) => `"${s.text}" (${span(s.st, s.d)})`).join(", ")}`;
}

function trackLabel(track: Track): string {
  if (track.tt === TRACK_VIDEO) return "Video";
  if (track.tt === TRACK_AUDIO) return "Audio";
  if (track.tt === TRACK_TEXT) return "Text";
  return "Track";
}

export function summarizeDraft(draft: Draft): string {
  const n = draft.t.length;
  if (n === 0) return "Timeline is empty: add a clip to start.";
  const parts = draft.t.map((t, i) => `${i + 1}. ${describeTrack(t)}`);
  return `Timeline (${n} track${n === 1 ? "" : "s"}): ${parts.join(" ")}`;
}
