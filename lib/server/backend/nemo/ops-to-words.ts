import "server-only";
import type { Op, Target } from "@/lib/plan/schema";

// The cloud has no endpoint for direct timeline edits: the studio's ops are sent to its
// agent as one plain-words request. `names` maps media ids to file names so the agent
// knows which clip is meant.

const s = (n: number) => `${Math.round(n * 100) / 100}s`;
const ORD = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
];

function target(t: Target, names: Record<string, string>): string {
  if (!t || t === "all") return "";
  if ("index" in t) return ` on the ${ORD[t.index] ?? `#${t.index + 1}`} clip`;
  return ` on "${names[t.mediaId] ?? t.mediaId}"`;
}

export function opToWords(op: Op, names: Record<string, string> = {}): string {
  switch (op.op) {
    case "trim":
      if (op.start === "intro")
        return `trim the intro${op.end !== undefined ? ` and end at ${s(op.end)}` : ""}${target(op.target, names)}`;
      return `trim the video to keep ${s(op.start ?? 0)} to ${op.end !== undefined ? s(op.end) : "the end"}${target(op.target, names)}`;
    case "cut":
      return `cut out ${s(op.from)} to ${s(op.to)}${target(op.target, names)}`;
    case "split":
      return `split the clip at ${s(op.at)}`;
    case "speed":
      return `set the speed to ${op.factor}x${target(op.target, names)}`;
    case "volume":
      return `set the ${op.track === "music" ? "music" : op.track === "all" ? "overall" : "clip"} volume to ${Math.round(op.level * 100)}%${target(op.target, names)}`;
    case "fade":
      return (
        [
          op.in !== undefined ? `fade in over ${s(op.in)}` : "",
          op.out !== undefined ? `fade out over ${s(op.out)}` : "",
        ]
          .filter(Boolean)
          .join(" and ") + target(op.target, names) || "add a fade"
      );
    case "text":
      return `add the title "${op.text}"${op.start !== undefined ? ` from ${s(op.start)}` : ""}${op.end !== undefined ? ` to ${s(op.end)}` : ""}${op.position ? ` at the ${op.position}` : ""}`;
    case "text_style":
      return [
        "change the titles:",
        op.text ? `text "${op.text}"` : "",
        op.position ? `move to the ${op.position}` : "",
        op.scale ? `scale ${op.scale}x` : "",
        op.color ? `color ${op.color}` : "",
      ]
        .filter(Boolean)
        .join(" ");
    case "captions":
      return `add captions${op.style ? ` in the ${op.style} style` : ""}${op.language ? ` (language ${op.language})` : ""}`;
    case "caption_style":
      return [
        "change the captions:",
        op.scale
          ? op.scale > 1
            ? `make them ${op.scale}x bigger`
            : `make them ${op.scale}x the size`
          : "",
        op.position ? `move them to the ${op.position}` : "",
        op.style ? `use the ${op.style} style` : "",
      ]
        .filter(Boolean)
        .join(" ");
    case "remove_captions":
      return "remove the captions";
    case "remove_text":
      if (op.ids) return `remove the text blocks ${op.ids.join(", ")}`;
      return "remove the titles";
    case "music":
      return `add ${op.source ? `"${names[op.source] ?? op.source}"` : "background music"}${op.level !== undefined ? ` at ${Math.round(op.level * 100)}% volume` : ""}${op.duck ? ", lowered under speech" : ""}`;
    case "remove_music":
      return "remove the background music";
    case "normalize":
      return `normalize the loudness${op.lufs !== undefined ? ` to ${op.lufs} LUFS` : ""}`;
    case "aspect":
      return `change the aspect ratio to ${op.ratio}${op.fit ? ` (${op.fit} to fit)` : ""}`;
    case "rotate":
      return `rotate the video ${op.degrees} degrees${target(op.target, names)}`;
    case "flip":
      return `flip the video ${op.axis}ly${target(op.target, names)}`;
    case "color":
      return `apply the ${op.preset} color look${target(op.target, names)}`;
    case "remove_silence":
      return `remove silences longer than ${s(op.min ?? 1)}`;
    case "remove_fillers":
      return "remove filler words";
    case "reorder":
      return `reorder the clips as ${op.order.map((i) => ORD[i] ?? `#${i + 1}`).join(", ")}`;
    case "add_clips": {
      const list = op.mediaIds?.map((id) => `"${names[id] ?? id}"`);
      return list?.length
        ? `put ${list.join(", ")} on the timeline`
        : "put all my uploaded clips on the timeline";
    }
    case "clip_bounds":
      return `make the ${ORD[op.index] ?? `#${op.index + 1}`} clip play its source${op.in !== undefined ? ` from ${op.in}s` : ""}${op.out !== undefined ? ` until ${op.out}s` : ""}, closing the gap`;
    case "delete_clips":
      return `delete the ${op.indexes.map((i) => ORD[i] ?? `#${i + 1}`).join(" and ")} clip${op.indexes.length > 1 ? "s" : ""}, closing the gap`;
    case "audiogram":
      return "color" in op.background
        ? `make the background behind the audio waveform the colour ${op.background.color}`
        : `use "${names[op.background.src] ?? op.background.src}" as the background behind the audio waveform`;
    case "edit_text":
      return `change the text block ${op.id}${op.text !== undefined ? ` to read "${op.text}"` : ""}${op.start !== undefined ? `, starting at ${op.start}s` : ""}${op.end !== undefined ? `, ending at ${op.end}s` : ""}${op.position ? `, placed ${op.position}` : ""}`;
    case "export":
      return `prepare the video for ${op.preset}`;
    case "cut_words":
      return op.spans
        .map((x) => `cut out the words from ${s(x.from)} to ${s(x.to)}`)
        .join(", then ");
    case "shorten_pause":
      return `shorten the pause from ${s(op.from)} to ${s(op.to)} to ${s(op.keep ?? 0)}`;
    case "restore_words":
      return `put back the part of "${names[op.mediaId] ?? op.mediaId}" cut at ${s(op.from)}`;
    case "correct_words":
      return `in the captions, the words at ${s(op.from)} of "${names[op.mediaId] ?? op.mediaId}" should read "${op.text}"`;
    case "cut_text":
      return op.match === "every"
        ? `remove every "${op.phrase}"`
        : op.match === "range"
          ? `cut from "${op.phrase}" to "${op.until ?? ""}"`
          : `delete the sentence that starts with "${op.phrase}"`;
  }
}

export function opsToWords(ops: Op[], names: Record<string, string> = {}): string {
  const parts = ops.map((op) => opToWords(op, names));
  const text = parts.join(", then ");
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}
