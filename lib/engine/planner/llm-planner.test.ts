import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmPlanner, planToolSchema } from "./llm-planner";
import { emptyContext } from "./planner-context";

// A fake OpenAI-compatible server on 127.0.0.1: each test picks its behaviour by model name.
let base = "";
const seen: { auth?: string; body: Record<string, unknown> }[] = [];
const server = http.createServer((req, res) => {
  let raw = "";
  req.on("data", (c) => (raw += c));
  req.on("end", () => {
    const body = JSON.parse(raw);
    seen.push({ auth: req.headers.authorization, body });
    const answer = (message: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ choices: [{ message }] }));
    };
    const call = (args: string) =>
      answer({
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "c1", type: "function", function: { name: "make_plan", arguments: args } },
        ],
      });
    switch (body.model) {
      case "good":
        return call(
          JSON.stringify({
            intent: "edit",
            ops: [
              { op: "captions", style: "bold" },
              { op: "export", preset: "shorts" },
            ],
            reply: "Bold captions, then a Short.",
          }),
        );
      case "text-json":
        return answer({
          role: "assistant",
          content:
            '```json\n{"intent":"export","ops":[{"op":"export","preset":"youtube"}],"reply":"Exporting."}\n```',
        });
      case "garbage":
        return call("{not json at all");
      case "invalid-plan":
        return call(
          JSON.stringify({ intent: "edit", ops: [{ op: "explode", power: 9000 }], reply: "Boom" }),
        );
      case "no-call":
        return answer({ role: "assistant", content: "" });
      case "slow":
        return setTimeout(() => call("{}"), 3000);
      default:
        res.writeHead(500, { "content-type": "application/json" });
        return res.end('{"error":{"message":"model crashed"}}');
    }
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const ctx = emptyContext({ durationSec: 60 });
const REQUEST = "trim the intro, add captions, and export for YouTube";
const RULES_OPS = [
  { op: "trim", start: "intro" },
  { op: "captions" },
  { op: "export", preset: "youtube" },
];

describe("LLM planner", () => {
  it("uses a valid tool call, sends the plan schema as the tool and the key as a bearer token", async () => {
    const planner = createLlmPlanner({ baseUrl: base, model: "good", apiKey: "sk-test" });
    const out = await planner.plan("bold captions and make it a short", ctx);
    expect(out.planner).toBe("LLM (good)");
    expect(out.plan.ops).toEqual([
      { op: "captions", style: "bold" },
      { op: "export", preset: "shorts" },
    ]);
    expect(out.plan.reply).toMatch(/Planned by good/);
    const last = seen.at(-1)!;
    expect(last.auth).toBe("Bearer sk-test");
    const tools = last.body.tools as { function: { name: string; parameters: unknown } }[];
    expect(tools[0].function.name).toBe("make_plan");
    expect(tools[0].function.parameters).toEqual(planToolSchema);
    expect(JSON.stringify(planToolSchema)).toMatch(/remove_silence/);
  });

  it("accepts a plan sent as JSON text by models that ignore tools", async () => {
    const out = await createLlmPlanner({ baseUrl: base, model: "text-json" }).plan("export", ctx);
    expect(out.plan).toMatchObject({
      intent: "export",
      ops: [{ op: "export", preset: "youtube" }],
    });
  });

  it.each([
    ["garbage JSON", "garbage", /JSON|Unexpected|Expected/i],
    ["a plan that fails the schema", "invalid-plan", /invalid plan/],
    ["no plan at all", "no-call", /no plan/],
    ["HTTP 500", "crash", /HTTP 500/],
  ])("falls back to the rules on %s", async (_name, model, why) => {
    const reasons: string[] = [];
    const out = await createLlmPlanner({ baseUrl: base, model }, (w) => reasons.push(w)).plan(
      REQUEST,
      ctx,
    );
    expect(out.plan.ops).toEqual(RULES_OPS);
    expect(out.planner).toMatch(/^rules \(LLM fallback/);
    expect(out.plan.reply).toMatch(/built-in planner/);
    expect(reasons[0]).toMatch(why);
  });

  it("falls back to the rules on a timeout (the reason goes to the log)", async () => {
    const reasons: string[] = [];
    const out = await createLlmPlanner({ baseUrl: base, model: "slow", timeoutMs: 300 }, (w) =>
      reasons.push(w),
    ).plan(REQUEST, ctx);
    expect(out.plan.ops).toEqual(RULES_OPS);
    expect(reasons[0]).toMatch(/timed out/);
  });

  it("falls back to the rules when nothing listens", async () => {
    const out = await createLlmPlanner({
      baseUrl: "http://127.0.0.1:9/v1",
      model: "good",
      timeoutMs: 2000,
    }).plan(REQUEST, ctx);
    expect(out.plan.ops).toEqual(RULES_OPS);
    expect(out.planner).toMatch(/fallback/);
    // The planner's name reaches visitors (plan event, step label): no internal address in it (issue 14, finding 7).
    expect(out.planner).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });
});
