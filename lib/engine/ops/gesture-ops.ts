import { AppError } from "@/lib/errors";
import {
  TRACK_TEXT,
  type Draft,
  type TextSegment,
  type TextTrack,
  type Track,
  type VideoSegment,
} from "@/lib/draft/schema";
import { isTextTrack, segmentsOf, tracksOf, withTracks } from "@/lib/draft/tracks";
import type { Op } from "@/lib/plan/schema";
import { followPicture } from "./follow-picture";
import { removeRanges } from "./remove-ranges";
import { isStill } from "./targets";
import type { TimeMap } from "./time-map";
import type { OpContext, OpResult } from "./types";
import {
  clipLength,
  formatTime,
  insertTrack,
  isTitleTrack,
  packClips,
  replaceMainClips,
  requireClips,
  toMs,
  videoEnd,
} from "./timeline";

// The studio's direct-manipulation gestures as ops, so a drag goes through the same path
// as a chat request (one version, undo, preview and export follow): dragging a clip's
// edge (clip_bounds), deleting selected clips (delete_clips), and moving, resizing or
// rewording one text block (edit_text).

type ClipBoundsOp = Extract<Op, { op: "clip_bounds" }>;
type DeleteClipsOp = Extract<Op, { op: "delete_clips" }>;
type EditTextOp = Extract<Op, { op: "edit_text" }>;

const MIN_CLIP_MS = 100;
const MIN_TEXT_MS = 200;

function clipAt(clips: VideoSegment[], index: number): VideoSegment {
  const clip = clips[index];
  if (!clip) {
    throw new AppError(
      "validation",
      `There is no clip ${index + 1}: the timeline has ${clips.length} clip${clips.length === 1 ? "" : "s"}.`,
      { field: "index" },
    );
  }
  return clip;
}

export function clipBounds(draft: Draft, op: ClipBoundsOp, ctx: OpContext): OpResult {
  const clips = requireClips(draft);
  const clip = clipAt(clips, op.index);
  const still = isStill(clip, ctx);
  const sourceMs = still
    ? Infinity
    : (ctx.media.find((m) => m.id === clip.src)?.probe.durationMs ?? clip.out);
  const newIn = Math.max(0, op.in === undefined ? clip.in : toMs(op.in));
  const newOut = Math.min(sourceMs, op.out === undefined ? clip.out : toMs(op.out));
  if (newOut - newIn < MIN_CLIP_MS) {
    throw new AppError(
      "validation",
      `Clip ${op.index + 1} would be shorter than ${MIN_CLIP_MS / 1000} s: keep more of it, or delete it instead.`,
      { field: op.in !== undefined ? "in" : "out" },
    );
  }
  const edited: VideoSegment = { ...clip, in: newIn, out: newOut };
  const length = clipLength(edited);
  edited.fadeIn = Math.min(clip.fadeIn, length);
  edited.fadeOut = Math.min(clip.fadeOut, length);
  const packed = packClips(clips.map((c, i) => (i === op.index ? edited : c)));
  // Old output time maps to new output time; for the edited clip only the source kept
  // on both sides maps (what was trimmed away takes its titles and captions with it).
  const map: TimeMap = packed.flatMap((seg, i) => {
    const old = clips[i];
    if (i !== op.index) return [{ from: old.st, to: old.st + old.d, at: seg.st, scale: 1 }];
    const a = Math.max(old.in, newIn);
    const b = Math.min(old.out, newOut);
    if (b <= a) return [];
    const from = old.st + (a - old.in) / old.speed;
    return [
      {
        from,
        to: old.st + (b - old.in) / old.speed,
        at: seg.st + (a - newIn) / old.speed,
        scale: 1,
      },
    ];
  });
  const before = videoEnd(draft);
  const done = followPicture(replaceMainClips(draft, packed), map, ctx.media, ctx.newId);
  const after = videoEnd(done.draft);
  const name = clip.name ?? `clip ${op.index + 1}`;
  return {
    draft: done.draft,
    summary: [
      `Trimmed ${name} to play ${formatTime(newIn)}-${formatTime(newOut)} of its source; the video is now ${formatTime(after)} long (was ${formatTime(before)}).`,
      ...done.notes,
    ].join(" "),
    tip: "By hand: drag the clip's left or right edge on the timeline (ripple trim) so the clips after it move up to close the gap.",
  };
}

export function deleteClips(draft: Draft, op: DeleteClipsOp, ctx: OpContext): OpResult {
  const clips = requireClips(draft);
  const picked = [...new Set(op.indexes)].sort((a, b) => a - b);
  const spans = picked
    .map((i) => clipAt(clips, i))
    .map((c): [number, number] => [c.st, c.st + c.d]);
  if (picked.length === clips.length) {
    throw new AppError(
      "validation",
      "That would delete every clip on the timeline. Keep at least one, or start a new project.",
      { field: "indexes" },
    );
  }
  const done = removeRanges(draft, spans, ctx);
  const which = picked.length === 1 ? `clip ${picked[0] + 1}` : `${picked.length} clips`;
  return {
    draft: done.draft,
    summary: [
      `Deleted ${which} (${formatTime(done.removed)}); the video is now ${formatTime(videoEnd(done.draft))} long.`,
      ...done.notes,
    ].join(" "),
    tip: "By hand: select the clip on the timeline and ripple-delete it (Shift+Delete) so the gap closes.",
  };
}

function cleanText(text: string): string {
  const clean = text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, " ")
    .trim();
  if (!clean)
    throw new AppError("validation", "The text is empty: type the words it should show.", {
      field: "text",
    });
  return clean;
}

export function editText(draft: Draft, op: EditTextOp, _ctx: OpContext): OpResult {
  requireClips(draft);
  const trackIndex = tracksOf(draft).findIndex(
    (t) => isTextTrack(t) && segmentsOf(t).some((s) => s.id === op.id),
  );
  if (trackIndex < 0)
    throw new AppError(
      "validation",
      "That text block is no longer on the timeline: it may have been removed by another edit.",
      { field: "id" },
    );
  const track = tracksOf(draft)[trackIndex] as TextTrack;
  const seg = segmentsOf(track).find((s) => s.id === op.id)!;
  const end = videoEnd(draft);
  let st = op.start === undefined ? seg.st : toMs(op.start);
  let until =
    op.end === undefined ? (op.start === undefined ? seg.st + seg.d : st + seg.d) : toMs(op.end);
  // A block dragged past the end stops at the end, keeping its length when it can.
  if (until > end) {
    st = op.end === undefined ? Math.max(0, st - (until - end)) : st;
    until = end;
  }
  if (until - st < MIN_TEXT_MS) {
    throw new AppError(
      "validation",
      `The text would show for less than ${MIN_TEXT_MS / 1000} s: make it longer, or remove it.`,
      { field: "end" },
    );
  }
  const caption = seg.kind === "caption";
  const text = op.text === undefined ? seg.text : cleanText(op.text);
  const shift = st - seg.st;
  const words =
    text !== seg.text || !seg.words
      ? undefined
      : seg.words
          .map((w) => ({ ...w, s: w.s + shift, e: w.e + shift }))
          .filter((w) => w.s >= st && w.e <= until);
  const next: TextSegment = {
    ...seg,
    st,
    d: until - st,
    text,
    ...(op.position ? { position: op.position } : {}),
    words: words?.length ? words : undefined,
  };
  if (!next.words) delete next.words;
  const others = segmentsOf(track).filter((s) => s.id !== op.id);
  const clash = others.find((s) => s.st < until && s.st + s.d > st);
  let t: Track[];
  if (!clash) {
    t = tracksOf(draft).map((tr, i) =>
      i === trackIndex ? { ...track, sg: [...others, next] } : tr,
    );
  } else if (caption) {
    throw new AppError(
      "validation",
      `That would cover the caption "${clash.text}" (${formatTime(clash.st)}-${formatTime(clash.st + clash.d)}). Move or shorten that one first.`,
      { field: "start" },
    );
  } else {
    // A title moved over another one goes to a free title track, as "add a title" does.
    const without = tracksOf(draft).map((tr, i) =>
      i === trackIndex ? { ...track, sg: others } : tr,
    );
    const free = without.findIndex(
      (tr) => isTitleTrack(tr) && segmentsOf(tr).every((s) => s.st + s.d <= st || s.st >= until),
    );
    t =
      free >= 0
        ? without.map((tr, i) =>
            i === free ? { ...(tr as TextTrack), sg: [...segmentsOf(tr as TextTrack), next] } : tr,
          )
        : insertTrack(without, {
            tt: TRACK_TEXT,
            sg: [next],
            m: { name: "Titles", role: "titles" },
          });
    t = t.filter((tr) => segmentsOf(tr).length > 0 || !isTextTrack(tr));
  }
  const what = caption ? "caption" : "title";
  const changes: string[] = [];
  if (text !== seg.text) changes.push(`now reads "${text}"`);
  if (st !== seg.st || until !== seg.st + seg.d)
    changes.push(`shows ${formatTime(st)}-${formatTime(until)}`);
  if (op.position && op.position !== seg.position)
    changes.push(`sits ${op.position.replace("-", " ")}`);
  return {
    draft: withTracks(draft, t),
    summary: changes.length
      ? `The ${what} "${seg.text}" ${changes.join(", ")}.`
      : `The ${what} "${seg.text}" is unchanged.`,
    tip: `By hand: drag the ${what} block along its track (or its edges to resize it) and double-click it to edit the words.`,
  };
}

/** Delete picked text blocks (titles or caption cues); clips never move. */
export function removeTextBlocks(draft: Draft, ids: string[]): OpResult {
  const gone: TextSegment[] = [];
  const t = tracksOf(draft).map((track): Track => {
    if (!isTextTrack(track)) return track;
    gone.push(...segmentsOf(track).filter((s) => ids.includes(s.id)));
    return { ...track, sg: segmentsOf(track).filter((s) => !ids.includes(s.id)) };
  });
  if (gone.length === 0)
    throw new AppError(
      "validation",
      "Those text blocks are no longer on the timeline: they may have been removed by another edit.",
      { field: "ids" },
    );
  return {
    draft: withTracks(draft, t),
    summary:
      gone.length === 1
        ? `Removed the ${gone[0].kind === "caption" ? "caption" : "title"} "${gone[0].text}".`
        : `Removed ${gone.length} text blocks.`,
    tip: "By hand: click the block on its track and press Delete.",
  };
}
