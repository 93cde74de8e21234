import type { TimeValue } from "./extract-entities";

// The small grammar of spans, read on the placeholder text of extract-entities and
// rewritten into the canonical forms parse-time-spec reads ("⟦a⟧ to ⟦b⟧", "first ⟦a⟧",
// "⟦a⟧ to the end"), so every rule downstream sees one shape however it was said:
//   start + length   "8 seconds starting at 1:00", "3 seconds at 1:00", 从1分钟开始截取8秒
//   fractions        "the second half", "the last third", "middle 10 seconds", "first 25%", 后半段, 最后三分之一
//   both ends        "5s off both ends", "2 off the start and 3 off the end", 两头各5秒
//   open ends        "until 0:08", "after the 2 minute mark", "15 seconds in", 到2分钟结束
// Fractions and the middle need the video's length; without it they are left alone.

const T = "⟦t(\\d+)⟧";
const ORD: Record<string, number> = {
  first: 0,
  "1st": 0,
  second: 1,
  "2nd": 1,
  third: 2,
  "3rd": 2,
  fourth: 3,
  "4th": 3,
  middle: -1,
  last: -2,
  final: -2,
  前: 0,
  后: -2,
  最后: -2,
  中间: -1,
};
const PARTS: Record<string, number> = { half: 2, third: 3, quarter: 4, 半: 2 };
const r3 = (n: number) => Math.round(n * 1000) / 1000;

export function rewriteSpans(
  input: string,
  times: TimeValue[],
  percents: number[],
  durationSec?: number,
): string {
  const put = (seconds: number) => {
    times.push({ seconds: r3(seconds), explicit: true, raw: r3(seconds) });
    return `⟦t${times.length - 1}⟧`;
  };
  const sec = (i: string) => times[Number(i)].seconds;
  const range = (from: number, to: number | "end") =>
    ` ${put(from)} to ${to === "end" ? "the end" : put(to)} `;
  const D = durationSec;
  let text = input;

  // Start + length: "8 seconds starting at 1:00", "10s from 0:30 on", "3 seconds at 1:00".
  text = text.replace(
    new RegExp(
      `${T}\\s*(?:starting|beginning|that starts|which starts|from)\\s*(?:at|from)?\\s*${T}(?:\\s*on(?:wards)?\\b)?`,
      "g",
    ),
    (m, len: string, at: string) =>
      isLength(times[Number(len)]) ? range(sec(at), sec(at) + sec(len)) : m,
  );
  text = text.replace(
    new RegExp(`(?<!(?:from|between|at)\\s*)${T}\\s*at\\s*${T}`, "g"),
    (m, len: string, at: string) =>
      isLength(times[Number(len)]) ? range(sec(at), sec(at) + sec(len)) : m,
  );
  // 从1分钟开始往后, 1分钟往后: from there to the end (not "start at").
  text = text.replace(
    new RegExp(`(?:从\\s*)?${T}\\s*(?:开始)?\\s*(?:往后|向后|以后|之后)`, "g"),
    (_, a: string) => ` ⟦t${a}⟧以后 `,
  );
  // 第30秒 is 30秒; 从30秒剪到40秒 cuts 30-40; 从头删掉10秒 is the first 10 seconds.
  text = text.replace(/第\s*(?=⟦t)/g, "");
  text = text.replace(
    new RegExp(`从\\s*${T}\\s*(?:剪|删|切|去)到\\s*${T}`, "g"),
    (_, a: string, b: string) => ` 剪掉 ⟦t${a}⟧ to ⟦t${b}⟧ `,
  );
  text = text.replace(
    new RegExp(`从头(?:开始)?\\s*(剪掉|去掉|删掉|删除|剪|删)\\s*${T}`, "g"),
    (_, verb: string, a: string) => ` ${verb} first ⟦t${a}⟧ `,
  );
  // 从1分钟开始截取8秒, 删除1分钟开始的5秒: the verb stays in front of the span.
  text = text.replace(
    new RegExp(
      `从\\s*${T}\\s*(?:处)?开始(?:的)?\\s*(截取|保留|只要|剪掉|删掉|删除|去掉)\\s*${T}`,
      "g",
    ),
    (_, at: string, verb: string, len: string) => `${verb}${range(sec(at), sec(at) + sec(len))}`,
  );
  text = text.replace(
    new RegExp(`${T}\\s*(?:处)?开始的\\s*${T}`, "g"),
    (_, at: string, len: string) => range(sec(at), sec(at) + sec(len)),
  );

  // "the first and last 5 seconds": one length for each end.
  text = text.replace(
    new RegExp(`\\b(?:the\\s+)?first\\s+and\\s+(?:the\\s+)?last\\s+${T}`, "g"),
    (_, a: string) => ` first ${put(sec(a))} and last ${put(sec(a))} `,
  );
  // Both ends: "5s off both ends", "2 seconds off each end", 两头各剪掉5秒.
  text = text.replace(
    new RegExp(
      `${T}\\s*(?:off|from|at)?\\s*(?:both|each|either)\\s+ends?|(?:both|each)\\s+ends?\\s*(?:by)?\\s*${T}`,
      "g",
    ),
    (_, a?: string, b?: string) => {
      const n = sec(a ?? b!);
      return ` first ${put(n)} and last ${put(n)} `;
    },
  );
  text = text.replace(
    new RegExp(
      `(?:两头|两端|首尾|头尾|(?:开头|片头|前面)(?:和|跟|与)?(?:结尾|片尾|后面|末尾))\\s*(?:都)?各(?:自)?\\s*(剪掉|去掉|删掉|剪|去|删|裁掉)?\\s*${T}`,
      "g",
    ),
    (_, verb: string | undefined, a: string) =>
      ` ${verb ?? "剪掉"} first ${put(sec(a))} and last ${put(sec(a))} `,
  );
  // "2 off the start and 3 off the end", "take 10 secs off the end".
  text = text.replace(
    new RegExp(`${T}\\s*off\\s+(?:of\\s+)?(?:the\\s+)?(?:start|beginning|front|head)`, "g"),
    (_, a: string) => ` cut first ⟦t${a}⟧ `,
  );
  text = text.replace(
    new RegExp(`${T}\\s*off\\s+(?:of\\s+)?(?:the\\s+)?(?:end|ending|back|tail)`, "g"),
    (_, a: string) => ` cut last ⟦t${a}⟧ `,
  );

  // "trim the beginning by 6 seconds", "shorten the end by 4 s": the named end, that long.
  text = text.replace(
    new RegExp(
      `(?:\\b(?:shorten|trim|cut|reduce|shrink)\\s+)?\\b(?:the\\s+)?(start|beginning|front|opening|intro|end|ending|tail|outro)\\s+by\\s+${T}`,
      "g",
    ),
    (_, end: string, a: string) =>
      ` cut ${/^(?:end|ending|tail|outro)$/.test(end) ? "last" : "first"} ⟦t${a}⟧ `,
  );

  // Open ends: "the 2 minute mark", "15 seconds in", "until 0:08", "jump to 0:30", 到2分钟就结束.
  text = text.replace(
    new RegExp(`(?:the\\s+)?${T}\\s*mark\\b`, "g"),
    (_, a: string) => ` ⟦t${a}⟧ `,
  );
  text = text.replace(
    new RegExp(`\\b(start|begin)s?\\s+(?:it\\s+|the video\\s+)?${T}\\s+in\\b`, "g"),
    (_, verb: string, a: string) => ` ${verb} at ⟦t${a}⟧ `,
  );
  text = text.replace(
    new RegExp(`\\b(?:jump|skip|go)\\s+(?:straight\\s+|right\\s+)?to\\s+${T}`, "g"),
    (_, a: string) => ` start at ⟦t${a}⟧ `,
  );
  text = text.replace(
    new RegExp(`(?<!${T}\\s*)\\b(?:up\\s+)?(?:until|till|til)\\s+${T}`, "g"),
    (_, _a: string, b: string) => ` before ⟦t${b}⟧ `,
  );
  text = text.replace(
    new RegExp(`(?:视频)?(?:到|在)\\s*${T}\\s*(?:就|为止)?\\s*(?:结束|停)`, "g"),
    (_, a: string) => ` 在⟦t${a}⟧结束 `,
  );

  if (D === undefined) return text;
  // Fractions: "the second half", "the last third", "middle third", 后半段, 最后1/3.
  text = text.replace(
    /\b(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|middle|last|final)\s+(half|third|quarter)\b/g,
    (m, ord: string, part: string) => fraction(ORD[ord], PARTS[part]) ?? m,
  );
  text = text.replace(
    /(最后|前|后|中间)\s*(?:的)?\s*(half|third|quarter|半)\s*(?:段|部分|截)?/g,
    (m, ord: string, part: string) => fraction(ORD[ord], PARTS[part]) ?? m,
  );
  text = text.replace(/(前|后)面?(?:的)?一半/g, (m, ord: string) => fraction(ORD[ord], 2) ?? m);
  // "the middle 10 seconds": centred on the middle of the video.
  text = text.replace(new RegExp(`(?:the\\s+)?middle\\s*${T}`, "g"), (_, a: string) =>
    range(Math.max(0, D / 2 - sec(a) / 2), Math.min(D, D / 2 + sec(a) / 2)),
  );
  // "the first 25%", "the last 10%".
  text = text.replace(
    /\b(first|last|final|opening)\s*⟦p(\d+)⟧/g,
    (_, end: string, i: string) => ` ${end} ${put(D * (percents[Number(i)] ?? 0))} `,
  );
  return text;

  function fraction(ord: number | undefined, parts: number | undefined): string | null {
    if (ord === undefined || parts === undefined) return null;
    const size = D! / parts;
    const index =
      ord === -2 ? parts - 1 : ord === -1 ? (parts % 2 === 1 ? (parts - 1) / 2 : -1) : ord;
    if (index < 0 || index >= parts) return null;
    return index === parts - 1
      ? range(index * size, "end")
      : range(index * size, (index + 1) * size);
  }
}

/** A length, not a point in time: a unit was given and it was not a clock form. */
function isLength(t: TimeValue | undefined): boolean {
  return Boolean(t && t.explicit);
}
