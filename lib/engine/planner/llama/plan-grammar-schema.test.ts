import { describe, expect, it } from "vitest";
import { opSchema, planSchema } from "@/lib/plan/schema";
import {
  planGrammarSchema,
  stripNulls,
  toGrammarSchema,
  type JsonSchemaNode,
} from "./plan-grammar-schema";

// The grammar schema is generated from the plan schema: every op is there, every
// optional field can be left out (as null), and what the grammar lets through and
// planSchema accepts line up once the nulls are stripped.

type Obj = { properties: Record<string, JsonSchemaNode>; required: string[] };
const ops = (planGrammarSchema as unknown as { properties: { ops: { items: { oneOf: Obj[] } } } })
  .properties.ops.items.oneOf;

describe("plan grammar schema", () => {
  it("offers every op of the plan schema", () => {
    const names = ops.map((o) => (o.properties.op as { const: string }).const);
    expect(names).toEqual(opSchema.options.map((o) => o.shape.op.value));
  });

  it("makes optional fields nullable and every field required, as node-llama-cpp writes them all", () => {
    const trim = ops.find((o) => (o.properties.op as { const: string }).const === "trim")!;
    expect(trim.required).toEqual(["op", "start", "end", "target"]);
    expect(trim.properties.end).toEqual({ oneOf: [{ type: "number" }, { type: "null" }] });
    expect(trim.properties.start).toEqual({
      oneOf: [{ oneOf: [{ type: "number" }, { const: "intro" }] }, { type: "null" }],
    });
    const cut = ops.find((o) => (o.properties.op as { const: string }).const === "cut")!;
    expect(cut.properties.from).toEqual({ type: "number" });
  });

  it("keeps string lengths the grammar can enforce", () => {
    const text = ops.find((o) => (o.properties.op as { const: string }).const === "text")!;
    expect(text.properties.text).toEqual({ type: "string", minLength: 1, maxLength: 500 });
  });

  it("turns a grammar-shaped answer into a valid plan once the nulls are gone", () => {
    const answer = {
      intent: "edit",
      ops: [
        { op: "trim", start: 5, end: null, target: null },
        { op: "captions", style: null, language: null },
      ],
      reply: "ok",
      revise: null,
    };
    expect(planSchema.parse(stripNulls(answer))).toEqual({
      intent: "edit",
      ops: [{ op: "trim", start: 5 }, { op: "captions" }],
      reply: "ok",
    });
    expect(planSchema.safeParse(answer).success).toBe(false);
  });

  it("refuses a schema the grammar cannot express instead of loosening it", () => {
    expect(() =>
      toGrammarSchema({
        type: "object",
        properties: { a: { not: { type: "string" } } },
        required: ["a"],
      }),
    ).toThrow(/cannot express/);
  });
});
