import type { Intent, Op } from "@/lib/plan/schema";

// The vocabulary of the evaluation table: what a request should do, stated as effects
// (which seconds of the original go) rather than as one exact op list, so "cut 0-5" and
// "trim start 5" both count as removing the first five seconds.

export type End = number | "end";
type OpName = Op["op"];
/** Only the fields written are checked; an Op written in part. */
export type PartialOp = { op: OpName } & Record<string, unknown>;

export type Expect =
  /** Remove this span of the original (seconds). */
  | { rm: [number, End] }
  /** Keep only this span of the original. */
  | { keep: [number, End] }
  /** A non-span op with at least these fields. */
  | { op: PartialOp }
  /** A whole-message intent (undo, redo, state, credits, upload). */
  | { intent: Intent }
  /** A clarifying question; with a span, the reply must name both of its ends. */
  | { ask: true; span?: [number, number] }
  /** The reading is uncertain: a clarifying question counts as right too. */
  | { orAsk: true }
  /** The request forbids this op ("don't add music"): doing it is the opposite of what was asked. */
  | { not: PartialOp }
  /** The request says this span of the original stays ("don't cut the intro"). */
  | { stays: [number, number] };

export const rm = (from: number, to: End = "end"): Expect => ({ rm: [from, to] });
export const keep = (from: number, to: End = "end"): Expect => ({ keep: [from, to] });
export const op = (o: PartialOp): Expect => ({ op: o });
export const is = (intent: Intent): Expect => ({ intent });
export const ask = (from?: number, to?: number): Expect =>
  from === undefined || to === undefined ? { ask: true } : { ask: true, span: [from, to] };
export const orAsk: Expect = { orAsk: true };
export const not = (o: PartialOp): Expect => ({ not: o });
export const stays = (from: number, to: number): Expect => ({ stays: [from, to] });
/** A field value that only has to lie on the right side of a number ("bigger", "quieter"). */
export type Bound = { gt: number } | { lt: number };
export const gt = (n: number): Bound => ({ gt: n });
export const lt = (n: number): Bound => ({ lt: n });

export const CAP = op({ op: "captions" });
export const MUTE = op({ op: "volume", level: 0 });
export const NOMUSIC = op({ op: "remove_music" });
export const MUSIC = op({ op: "music" });
export const MUSIC_VOL = op({ op: "volume", track: "music" });
export const INTRO = op({ op: "trim", start: "intro" });
export const SIL = op({ op: "remove_silence" });
export const FILL = op({ op: "remove_fillers" });
export const V916 = op({ op: "aspect", ratio: "9:16" });
export const EXPORT = (preset: string) => op({ op: "export", preset });
export const COLOR = (preset: string) => op({ op: "color", preset });
export const SPEED = (factor?: number) =>
  op(factor === undefined ? { op: "speed" } : { op: "speed", factor });
export const FADE = (f: { in?: number; out?: number } = {}) => op({ op: "fade", ...f });
export const TITLE_STYLE = (f: Record<string, unknown>) => op({ op: "text_style", ...f });
export const RED = "#FF0000";

/** One row: the request as a creator would type it, then what it should do. */
export type Row = [request: string, ...expect: Expect[]];

export const expectsOf = (row: Row): Expect[] => row.slice(1) as Expect[];
/** Several edits in one request (questions and "or ask" markers aside). */
export const isMultiStep = (row: Row): boolean =>
  expectsOf(row).filter((e) => !("orAsk" in e) && !("ask" in e) && !("not" in e) && !("stays" in e))
    .length > 1;
