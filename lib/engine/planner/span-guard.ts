import type { Op } from "@/lib/plan/schema";
import type { TimeSpec } from "./parse-time-spec";
import type { Polarity } from "./read-polarity";
import { requestLanguage, SENTENCES } from "./sentences";
import { removedSpans } from "./span-edits";

// The last check before a destructive span edit is planned: if the words allow both
// readings ("trim 2:10-2:18"), or a removal would take most of the video ("cut the
// first 2:50" of 3:00), or nothing would be left, ask with the two concrete choices
// instead of guessing. Each choice is itself a request that plans without a question.

export function guardSpanEdit(
  op: Op,
  spec: TimeSpec,
  polarity: Polarity,
  duration: number,
  raw: string,
  /** The clause names the span with no verb and no start/end word ("0:10-0:20", "rmv 0:10-0:20"). */
  verbless = false,
): { clarify: string; choices?: string[] } | null {
  const s = SENTENCES[requestLanguage(raw)];
  const gone = removedSpans([op], duration).reduce((n, [a, b]) => n + b - a, 0);
  if (gone >= duration - 0.05) return { clarify: s.nothingLeft(duration) };
  const named = namedSpan(spec, duration);
  if (!named) return null;
  const [from, to] = named;
  const interior = from > 0 && to < duration;
  // "the last 15 seconds" with no verb at all: keep them, or cut them?
  // So does a range with no verb at all: cut it, or keep only it?
  const bare =
    polarity.kind === "none" &&
    (spec.kind === "first" || spec.kind === "last" || (verbless && spec.kind === "range"));
  if (bare || (!polarity.sure && polarity.kind !== "none" && interior)) {
    const q = s.removeOrKeep(from, to);
    return { clarify: q.question, choices: q.choices };
  }
  // Both ends written out ("remove 0:00-2:00") is a deliberate choice: no question.
  const bothEnds = spec.kind === "range" && spec.to !== "end";
  if (polarity.kind === "remove" && gone > duration / 2 && !bothEnds) {
    const q = s.mostGoes(from, to, duration);
    return { clarify: q.question, choices: q.choices };
  }
  return null;
}

/** The span the words named, in seconds of the video. */
function namedSpan(spec: TimeSpec, d: number): [number, number] | null {
  switch (spec.kind) {
    case "range":
      return [spec.from, spec.to === "end" ? d : Math.min(spec.to, d)];
    case "first":
    case "length":
      return [0, Math.min(spec.n, d)];
    case "last":
      return [Math.max(0, d - spec.n), d];
    default:
      return null;
  }
}
