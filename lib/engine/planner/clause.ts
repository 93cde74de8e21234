import type { Op, Target } from "@/lib/plan/schema";
import type { ClipRef, Entities } from "./extract-entities";
import type { PlannerContext } from "./planner-context";
import { parseTimeSpec, type TimeSpec } from "./parse-time-spec";
import { requestLanguage, SENTENCES, type RuleQuestions } from "./sentences";

// One clause of a request ("trim the intro" of "trim the intro, add captions, and
// export for YouTube") with the helpers the op rules share. Rules `take` the words they
// understood (blanked out, positions kept) so later rules do not read them again.

export type Detection =
  | { at: number; ops: Op[] }
  /** Something we cannot do: named in the honest reply. */
  | { at: number; unsupported: string }
  /** We understood the wish but need one more fact (a length, a music file). */
  | { at: number; clarify: string; choices?: string[] };

export class Clause {
  text: string;
  readonly original: string;

  constructor(
    text: string,
    readonly entities: Entities,
    readonly ctx: PlannerContext,
  ) {
    this.text = text;
    this.original = text;
  }

  /** The rules' questions in the request's language. */
  get asks(): RuleQuestions {
    return SENTENCES[requestLanguage(this.entities.raw ?? "")].asks;
  }

  /** Index of the first match in what is left, or -1. */
  find(re: RegExp): number {
    return this.text.search(re);
  }

  has(re: RegExp): boolean {
    return re.test(this.text);
  }

  /** Matches and blanks out the words, returning the match (or null). */
  take(re: RegExp): RegExpExecArray | null {
    const m = new RegExp(re.source, re.flags.replace("g", "")).exec(this.text);
    if (!m) return null;
    this.text =
      this.text.slice(0, m.index) +
      " ".repeat(m[0].length) +
      this.text.slice(m.index + m[0].length);
    return m;
  }

  /** What the original clause says about time. */
  time(): TimeSpec | null {
    return parseTimeSpec(this.original, this.entities.times);
  }

  private refs<K extends string>(kind: K): number[] {
    return [...this.original.matchAll(new RegExp(`⟦${kind}(\\d+)⟧`, "g"))].map((m) => Number(m[1]));
  }

  quote(): string | undefined {
    const i = this.refs("q")[0];
    return i === undefined ? undefined : this.entities.quotes[i];
  }
  percent(): number | undefined {
    const i = this.refs("p")[0];
    return i === undefined ? undefined : this.entities.percents[i];
  }
  factor(): number | undefined {
    const i = this.refs("x")[0];
    return i === undefined ? undefined : this.entities.factors[i];
  }
  ratio(): string | undefined {
    const i = this.refs("r")[0];
    return i === undefined ? undefined : this.entities.ratios[i];
  }
  degrees(): number | undefined {
    const i = this.refs("d")[0];
    return i === undefined ? undefined : this.entities.degrees[i];
  }
  lufs(): number | undefined {
    const i = this.refs("l")[0];
    return i === undefined ? undefined : this.entities.lufs[i];
  }
  clipRefs(): ClipRef[] {
    return this.refs("c").map((i) => this.entities.clips[i]);
  }

  /** The clip(s) this clause is about, as a plan target; undefined = the default (all). */
  target(): Target {
    const ref = this.clipRefs().find((r) => !("fileName" in r) || !isAudioName(r.fileName));
    if (!ref) return undefined;
    if ("all" in ref) return "all";
    if ("index" in ref) return { index: ref.index };
    if ("last" in ref)
      return this.ctx.clips.length > 0 ? { index: this.ctx.clips.length - 1 } : undefined;
    if ("mediaId" in ref) return { mediaId: ref.mediaId };
    return { mediaId: ref.fileName };
  }
}

export function isAudioName(name: string): boolean {
  return /\.(mp3|wav|m4a|aac)$/i.test(name);
}

/** Adds `target` to per-clip ops when the clause names clips. */
export function withTarget<T extends Op>(op: T, target: Target): T {
  return target === undefined ? op : { ...op, target };
}

export const REMOVE_VERB =
  "(?:cut(?: out| off)?|snip(?: out| off)?|remove|delete|erase|omit|exclude|yeet|scrap|strip out|lop off|hack off|drop|trim(?: off)?|chop(?: off)?|get rid of|lose|skip|take out|take off|clip off|shave(?: off)?|ditch|nuke|\\bkill\\b|\\bdel\\b|\\brm\\b|剪掉|去掉|删掉|删除|去除|裁掉|切掉|减掉|拿掉|拿走|不要)";
export const KEEP_VERB =
  "(?:keep|only keep|just keep|keep only|trim (?:it |the video )?(?:down )?to|cut (?:it |the video )?(?:down )?to|shorten (?:it |the video )?to|limit (?:it )?to|only want|just want|only need|just need|i want only|just give me|give me only|只保留|保留|只要|截取|剪成|缩短到|留下)";
