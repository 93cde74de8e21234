import type { TimeValue } from "./extract-entities";

// Reads what a clause says about time, from the placeholder text made by
// extract-entities: "⟦t0⟧ to ⟦t1⟧", "first ⟦t0⟧", "the last ⟦t0⟧", "from ⟦t0⟧ to the
// end", "at ⟦t0⟧", "make it ⟦t0⟧ long". Values are seconds.

export type TimeSpec =
  | { kind: "range"; from: number; to: number | "end" }
  | { kind: "first"; n: number }
  | { kind: "last"; n: number }
  | { kind: "point"; at: number }
  | { kind: "length"; n: number }
  | { kind: "value"; n: number };

const T = "⟦t(\\d+)⟧";
const TO = "(?:to|-|–|—|~|and|until|till|through|thru|到|至)";
const END = "(?:the\\s+)?(?:end|finish|结尾|最后|结束|末尾)";

/** A bare number borrows the unit of the other end: "between 5 and 10 minutes" -> 300..600. */
function pair(a: TimeValue, b: TimeValue): [number, number] {
  if (!a.explicit && b.explicit && b.raw > 0) return [a.raw * (b.seconds / b.raw), b.seconds];
  return [a.seconds, b.seconds];
}

export function parseTimeSpec(text: string, times: TimeValue[]): TimeSpec | null {
  const t = (i: string) => times[Number(i)];
  let m: RegExpExecArray | null;

  if ((m = new RegExp(`${T}\\s*${TO}\\s*${T}`).exec(text))) {
    const [from, to] = pair(t(m[1]), t(m[2]));
    return { kind: "range", from, to };
  }
  if (
    (m = new RegExp(`${T}\\s*(?:on)?\\s*${TO}\\s*${END}`).exec(text)) ||
    (m = new RegExp(`(?:from|after|past|beyond|从|之后)\\s*${T}(?!\\s*${TO})`).exec(text)) ||
    (m = new RegExp(`${T}\\s*(?:on|onwards?)\\b`).exec(text)) ||
    (m = new RegExp(`${T}\\s*(?:以后|之后|后)`).exec(text))
  ) {
    return { kind: "range", from: t(m[1]).seconds, to: "end" };
  }
  if (
    (m = new RegExp(`(?:before|up to|upto)\\s*${T}`).exec(text)) ||
    (m = new RegExp(`${T}\\s*(?:以前|之前|前的)`).exec(text))
  ) {
    return { kind: "range", from: 0, to: t(m[1]).seconds };
  }
  if (
    (m = new RegExp(
      `(?:first|opening|beginning|start|最前面|前面|前|开头)\\s*(?:的|那|这|有)?(?:个|段)?(?:多余的|没用的)?\\s*${T}`,
    ).exec(text)) ||
    (m = new RegExp(`${T}\\s*(?:at|from|of)\\s+the\\s+(?:start|beginning)`).exec(text))
  ) {
    return { kind: "first", n: t(m[1]).seconds };
  }
  if (
    (m = new RegExp(
      `(?:last|final|ending|最后面|最后|后面|后|结尾|末尾)\\s*(?:的|那|这|有)?(?:个|段)?(?:多余的|没用的)?\\s*${T}`,
    ).exec(text)) ||
    (m = new RegExp(`${T}\\s*(?:at|from|of)\\s+the\\s+end`).exec(text))
  ) {
    return { kind: "last", n: t(m[1]).seconds };
  }
  if ((m = new RegExp(`(?:at|@|在|于|by)\\s*(?:the\\s+)?(?:time\\s+)?${T}`).exec(text))) {
    return { kind: "point", at: t(m[1]).seconds };
  }
  if (
    (m = new RegExp(
      `(?:make (?:it|the video|this|the clip)|to|into|down to|under|改成|剪成|剪到|缩短到|缩到|压缩到|变成|只要|控制在)\\s*(?:be\\s+)?(?:(?:just|only|like|about|around|roughly|approximately|approx|maybe)\\s+)*${T}`,
    ).exec(text)) ||
    (m = new RegExp(`${T}\\s*(?:long|version|clip|cut)`).exec(text))
  ) {
    return { kind: "length", n: t(m[1]).seconds };
  }
  if ((m = new RegExp(T).exec(text))) return { kind: "value", n: t(m[1]).seconds };
  return null;
}
