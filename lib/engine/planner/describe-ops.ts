import type { Op, Target } from "@/lib/plan/schema";
import { presetPhrase } from "@/lib/export/presets";

// The planner's sentence about what it will do: "I'll trim the intro, add captions and
// export for YouTube (1920x1080)." Times read the way people say them.

export function formatTime(sec: number): string {
  if (sec < 60) return `${Math.round(sec * 10) / 10} s`;
  const m = Math.floor(sec / 60);
  const s = Math.round((sec - m * 60) * 10) / 10;
  return `${m}:${s < 10 ? "0" : ""}${s}`;
}

/** The preset as the chat's sentences name it (lib/export/presets.ts). */
export const presetLabel = presetPhrase;

function on(target: Target): string {
  if (target === undefined) return "";
  if (target === "all") return " on every clip";
  if ("index" in target) return ` on clip ${target.index + 1}`;
  return ` on ${target.mediaId}`;
}

const pct = (n: number) => `${Math.round(n * 100)}%`;

export function describeOp(op: Op): string {
  switch (op.op) {
    case "trim":
      if (op.start === "intro")
        return `trim the intro${on(op.target)} (I'll find where the content starts)`;
      if (op.start !== undefined && op.end !== undefined)
        return `keep only ${formatTime(op.start)} to ${formatTime(op.end)}${on(op.target)}`;
      if (op.start !== undefined) return `cut the first ${formatTime(op.start)}${on(op.target)}`;
      if (op.end !== undefined) return `keep the first ${formatTime(op.end)}${on(op.target)}`;
      return "trim the video";
    case "cut":
      return `cut ${formatTime(op.from)} to ${formatTime(op.to)}${on(op.target)}`;
    case "split":
      return `split the clip at ${formatTime(op.at)}`;
    case "speed":
      return `play ${on(op.target).replace(/^ on /, "") || "the video"} at ${op.factor}x speed`;
    case "volume": {
      const what =
        op.track === "music" ? "the music" : op.track === "all" ? "all sound" : "the clip sound";
      if (op.level === 0) return `mute ${what}${on(op.target)}`;
      return `set ${what} to ${pct(op.level)}${on(op.target)}`;
    }
    case "fade": {
      const parts = [
        op.in !== undefined ? `a ${formatTime(op.in)} fade-in` : "",
        op.out !== undefined ? `a ${formatTime(op.out)} fade-out` : "",
      ].filter(Boolean);
      return `add ${parts.join(" and ") || "fades"}${on(op.target)}`;
    }
    case "text":
      return `add the title "${op.text}"${op.position ? ` at the ${op.position}` : ""}${op.start !== undefined ? ` from ${formatTime(op.start)}` : ""}${op.end !== undefined ? ` to ${formatTime(op.end)}` : ""}`;
    case "text_style":
      return (
        [
          op.text ? `change the title to "${op.text}"` : "",
          op.position ? `move the title to the ${op.position}` : "",
          op.scale ? `make the title ${op.scale > 1 ? "bigger" : "smaller"}` : "",
          op.color ? `colour the title ${op.color}` : "",
        ]
          .filter(Boolean)
          .join(" and ") || "restyle the title"
      );
    case "captions":
      return `add captions from the speech${op.style ? ` (${op.style} style)` : ""}${op.language ? ` in ${op.language}` : ""}`;
    case "caption_style":
      return (
        [
          op.scale ? `make the captions ${op.scale > 1 ? "bigger" : "smaller"}` : "",
          op.position ? `move the captions to the ${op.position}` : "",
          op.style ? `switch the captions to the ${op.style} style` : "",
        ]
          .filter(Boolean)
          .join(" and ") || "restyle the captions"
      );
    case "remove_captions":
      return "remove the captions";
    case "remove_text":
      if (op.ids)
        return op.ids.length === 1 ? "remove that text" : `remove those ${op.ids.length} texts`;
      return "remove the title";
    case "music":
      return `add background music${op.level !== undefined ? ` at ${pct(op.level)}` : ""}${op.duck === false ? "" : ", lowered under speech"}`;
    case "remove_music":
      return "remove the music";
    case "normalize":
      return `even out the loudness (${op.lufs ?? -14} LUFS)`;
    case "aspect":
      return `reframe to ${op.ratio}${op.fit ? ` (${op.fit === "blur" ? "blurred fill" : op.fit === "pad" ? "bars" : "cropped"})` : ""}`;
    case "rotate":
      return `rotate${on(op.target)} ${op.degrees}°`;
    case "flip":
      return `flip${on(op.target)} ${op.axis}ly`;
    case "color":
      return op.preset === "none"
        ? `remove the colour look${on(op.target)}`
        : `apply the ${op.preset === "bw" ? "black-and-white" : op.preset} look${on(op.target)}`;
    case "remove_silence":
      return `remove pauses${op.min !== undefined ? ` longer than ${formatTime(op.min)}` : ""}`;
    case "remove_fillers":
      return "remove filler words (um, uh...)";
    case "reorder":
      return `reorder the clips to ${op.order.map((i) => i + 1).join(", ")}`;
    case "add_clips":
      return op.mediaIds?.length
        ? `put ${op.mediaIds.length === 1 ? "that file" : "those files"} on the timeline`
        : "put your clips on the timeline";
    case "clip_bounds":
      return `trim clip ${op.index + 1}${op.in !== undefined ? ` to start at ${formatTime(op.in)} of its source` : ""}${op.out !== undefined ? `${op.in !== undefined ? " and" : " to"} end at ${formatTime(op.out)}` : ""}`;
    case "delete_clips":
      return `delete clip${op.indexes.length > 1 ? "s" : ""} ${joinList(op.indexes.map((i) => String(i + 1)))}`;
    case "audiogram":
      return "color" in op.background
        ? `make the audiogram's background ${op.background.color}`
        : "change the audiogram's background picture";
    case "edit_text":
      return op.text !== undefined ? `change the text to "${op.text}"` : "move the text";
    case "export":
      return `export for ${presetLabel(op.preset)}`;
    case "cut_words":
      return `cut ${op.spans.length === 1 ? "the selected words" : `${op.spans.length} passages`}`;
    case "shorten_pause":
      return op.keep ? `shorten the pause to ${formatTime(op.keep)}` : "remove the pause";
    case "restore_words":
      return "put the cut words back";
    case "correct_words":
      return `correct the words to "${op.text}"`;
    case "cut_text":
      return op.match === "every"
        ? `remove every "${op.phrase}"`
        : op.match === "range"
          ? `cut from "${op.phrase}" through "${op.until ?? ""}"`
          : `delete the sentence that starts with "${op.phrase}"`;
  }
}

export function joinList(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

export function describeOps(ops: Op[]): string {
  return `I'll ${joinList(ops.map(describeOp))}.`;
}
