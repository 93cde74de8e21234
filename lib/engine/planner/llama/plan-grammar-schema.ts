import { z } from "zod";
import { planSchema } from "@/lib/plan/schema";

// The JSON schema the local model's sampler is held to, generated from the plan schema
// (zod -> JSON schema -> the subset node-llama-cpp turns into a GBNF grammar), so a new
// op in lib/plan/schema.ts is something the model can say without touching this file.
//
// node-llama-cpp's grammar writes every listed property, in order, and knows no
// anyOf or numeric bounds. So: unions become oneOf; an optional property becomes
// "this or null" and the nulls are dropped again before planSchema validates the
// answer (stripNulls); bounds such as `min(0)` are left to that validation.

/** A JSON schema node, loosely typed: what zod emits and what node-llama-cpp reads. */
export type JsonSchemaNode = { [key: string]: unknown };

const NULL: JsonSchemaNode = { type: "null" };

export function toGrammarSchema(node: JsonSchemaNode): JsonSchemaNode {
  const union = (node.oneOf ?? node.anyOf) as JsonSchemaNode[] | undefined;
  if (union) return { oneOf: union.map(toGrammarSchema) };
  if ("const" in node) return { const: node.const };
  if (Array.isArray(node.enum)) return { enum: node.enum };
  switch (node.type) {
    case "object": {
      const props = (node.properties ?? {}) as Record<string, JsonSchemaNode>;
      const required = new Set((node.required as string[] | undefined) ?? []);
      const properties = Object.fromEntries(
        Object.entries(props).map(([key, value]) => {
          const inner = toGrammarSchema(value);
          return [key, required.has(key) ? inner : { oneOf: [inner, NULL] }];
        }),
      );
      return {
        type: "object",
        properties,
        required: Object.keys(properties),
        additionalProperties: false,
      };
    }
    case "array":
      return {
        type: "array",
        ...(node.items ? { items: toGrammarSchema(node.items as JsonSchemaNode) } : {}),
        ...pick(node, ["minItems", "maxItems"]),
      };
    case "string":
      return { type: "string", ...pick(node, ["minLength", "maxLength"]) };
    case "number":
    case "integer":
    case "boolean":
    case "null":
      return { type: node.type };
    default:
      throw new Error(
        `The plan schema uses a JSON schema the local model's grammar cannot express: ${JSON.stringify(node).slice(0, 120)}`,
      );
  }
}

function pick(node: JsonSchemaNode, keys: string[]): JsonSchemaNode {
  return Object.fromEntries(
    keys.filter((k) => typeof node[k] === "number").map((k) => [k, node[k]]),
  );
}

/** Removes the nulls that stand for "not given" in the grammar's answers. */
export function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, stripNulls(v)]),
    );
  }
  return value;
}

/** The plan schema as the local model's grammar sees it. */
export const planGrammarSchema: JsonSchemaNode = toGrammarSchema(
  z.toJSONSchema(planSchema, { io: "input" }) as JsonSchemaNode,
);
