import type { Op } from "@/lib/plan/schema";

// The ops of all clauses of one request, tidied into one plan: each edit once, one
// captions op in the style asked, one restyle per object, the export last.

/** Drops exact repeats and an aspect change already made earlier in the same plan. */
export function dedupe(ops: Op[]): Op[] {
  const seen = new Set<string>();
  const out: Op[] = [];
  for (const op of ops) {
    const key = op.op === "aspect" ? `aspect:${op.ratio}` : JSON.stringify(op);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(op);
  }
  // "add captions and make them bold": one captions op in that style.
  const captions = out.find((o): o is Extract<Op, { op: "captions" }> => o.op === "captions");
  for (let i = out.length - 1; captions && i > out.indexOf(captions); i--) {
    const o = out[i];
    if (o.op !== "caption_style" || !o.style) continue;
    captions.style = o.style;
    const { style: _style, ...rest } = o;
    if (Object.keys(rest).length > 1) out[i] = rest;
    else out.splice(i, 1);
  }
  // "double the title size and make it red": one restyle of the title (or of the captions).
  for (let i = out.length - 1; i > 0; i--) {
    const a = out[i - 1];
    const b = out[i];
    if (
      (a.op === "text_style" && b.op === "text_style") ||
      (a.op === "caption_style" && b.op === "caption_style")
    ) {
      out.splice(i - 1, 2, { ...a, ...b });
    }
  }
  // An export goes last whatever order it was said in.
  return [
    ...out.filter((o) => o.op !== "export"),
    ...out.filter((o) => o.op === "export").slice(-1),
  ];
}
