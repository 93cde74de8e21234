import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planWithRules } from "../rule-planner";
import { emptyContext } from "../planner-context";
import { createLlamaPlanner, type LlamaPlannerConfig } from "./llama-planner";
import { askLlama, unloadLlamaModels, type LlamaAnswerRequest } from "./llama-runtime";
import { EXPORTER, makeTestGguf } from "@/tests/support/engine/make-test-gguf";
import { planGrammarSchema } from "./plan-grammar-schema";

// The real node-llama-cpp (llama.cpp's prebuilt CPU binary) on tiny models these tests
// write themselves (tests/support/engine/make-test-gguf.ts): the weights make the model a fixed byte
// preference, so what it says under the plan grammar is known in advance.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-llama-"));
/** Plans an export for YouTube whatever it is asked (see EXPORTER). */
const exporter = makeTestGguf(path.join(dir, "exporter.gguf"), EXPORTER);
/** Likes "a" best and never closes a string: its reply goes on until the token limit. */
const rambler = makeTestGguf(path.join(dir, "rambler.gguf"), { prefer: "a" });

const ctx = emptyContext({ durationSec: 180 });
const config = (modelPath: string, over: Partial<LlamaPlannerConfig> = {}): LlamaPlannerConfig => ({
  modelPath,
  cacheDir: dir,
  download: false,
  threads: 1,
  timeoutMs: 120_000,
  ...over,
});

afterAll(async () => {
  await unloadLlamaModels();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("local model planner (node-llama-cpp)", () => {
  it("holds the model to the plan schema and validates its plan", async () => {
    const fallbacks: string[] = [];
    const planner = createLlamaPlanner(config(exporter), {
      onFallback: (why) => fallbacks.push(why),
    });
    const out = await planner.plan("put it on youtube", ctx);
    expect(fallbacks).toEqual([]);
    expect(out.planner).toBe("local model (exporter)");
    // The grammar's nulls ("not asked for") are gone; the empty reply became a description.
    expect(out.plan).toEqual({
      intent: "export",
      ops: [{ op: "export", preset: "youtube" }],
      reply: "I'll export for YouTube (1920x1080). (Planned by the local model, exporter.)",
    });
  });

  it("gets schema-shaped JSON only because of the grammar", async () => {
    // The same model without the grammar just repeats its favourite bytes.
    const { getLlama, LlamaCompletion } = await import("node-llama-cpp");
    const llama = await getLlama({
      gpu: false,
      build: "never",
      skipDownload: true,
      progressLogs: false,
      maxThreads: 1,
    });
    const model = await llama.loadModel({ modelPath: exporter, gpuLayers: 0 });
    const context = await model.createContext({ contextSize: 256, threads: 1 });
    try {
      const free = await new LlamaCompletion({
        contextSequence: context.getSequence(),
      }).generateCompletion("go", { maxTokens: 12, temperature: 0 });
      expect(free).toBe("ex".repeat(6));
      expect(() => JSON.parse(free)).toThrow();
    } finally {
      await context.dispose();
      await model.dispose();
    }
    const held = await askLlama({
      modelPath: exporter,
      system: "Plan.",
      user: "go",
      schema: planGrammarSchema,
      maxTokens: 200,
      threads: 1,
    });
    expect(held.cutOff).toBe(false);
    expect(JSON.parse(held.text)).toMatchObject({
      intent: "export",
      ops: [{ op: "export", preset: "youtube", target: null }],
      reply: "",
      revise: null,
    });
  });

  it("falls back to the rules, saying why, when the answer is cut off", async () => {
    const fallbacks: string[] = [];
    const planner = createLlamaPlanner(config(rambler, { maxTokens: 60 }), {
      onFallback: (why) => fallbacks.push(why),
    });
    const out = await planner.plan("add captions", ctx);
    expect(fallbacks).toEqual(["ran out of room before finishing its answer"]);
    expect(out.planner).toBe("rules (local model ran out of room before finishing its answer)");
    const rules = planWithRules("add captions", ctx);
    expect(out.plan.ops).toEqual(rules.ops);
    expect(out.plan.reply).toBe(
      `${rules.reply} (The built-in planner made this plan: the local model ran out of room before finishing its answer.)`,
    );
  });

  it("answers whole-message requests with the rules without asking the model", async () => {
    const asked: LlamaAnswerRequest[] = [];
    const planner = createLlamaPlanner(config(exporter), {
      ask: (req) => (asked.push(req), askLlama(req)),
    });
    const out = await planner.plan("undo", ctx);
    expect(out).toMatchObject({ planner: "rules", plan: { intent: "undo" } });
    expect(asked).toEqual([]);
  });

  it("keeps the rules' two-choice question about a destructive edit instead of letting the model guess", async () => {
    const asked: LlamaAnswerRequest[] = [];
    const question = {
      intent: "clarify" as const,
      ops: [],
      reply: "Remove 2:10-2:18, or keep only 2:10-2:18?",
      choices: ["remove 2:10-2:18", "keep only 2:10-2:18"],
    };
    const planner = createLlamaPlanner(config(exporter), {
      ask: (req) => (asked.push(req), askLlama(req)),
      rules: { plan: async () => ({ plan: question, planner: "rules" }) },
    });
    expect(await planner.plan("trim 2:10 to 2:18", ctx)).toEqual({
      plan: question,
      planner: "rules",
    });
    expect(asked).toEqual([]);
    // A plain "what do you mean?" from the rules is where the model helps.
    const vague = createLlamaPlanner(config(exporter), {
      ask: (req) => (asked.push(req), askLlama(req)),
      rules: {
        plan: async () => ({
          plan: { intent: "clarify", ops: [], reply: "What should I change?" },
          planner: "rules",
        }),
      },
    });
    expect(await vague.plan("make it pop for the tube", ctx)).toMatchObject({
      planner: "local model (exporter)",
      plan: { intent: "export" },
    });
    expect(asked).toHaveLength(1);
  });

  it("falls back to the rules when there is no model file, keeping the path out of the chat", async () => {
    const missing = path.join(dir, "nope.gguf");
    const logged: string[] = [];
    const out = await createLlamaPlanner(config(missing), {
      onFallback: (why, detail) => logged.push(`${why}: ${detail}`),
    }).plan("add captions", ctx);
    expect(logged).toEqual([
      `is not on this server: no file at ${missing}; set LLAMA_MODEL, or PLANNER=llama to download one`,
    ]);
    expect(out.planner).toBe("rules (local model is not on this server)");
    expect(out.plan.ops).toEqual(planWithRules("add captions", ctx).ops);
    expect(out.plan.reply).not.toContain(dir);
  });

  it("falls back to the rules when the file will not load", async () => {
    const broken = path.join(dir, "broken.gguf");
    fs.writeFileSync(broken, Buffer.concat([Buffer.from("GGUF"), Buffer.alloc(60, 7)]));
    const logged: [string, string | undefined][] = [];
    const out = await createLlamaPlanner(config(broken), {
      onFallback: (why, detail) => logged.push([why, detail]),
    }).plan("add captions", ctx);
    expect(logged).toEqual([["could not be loaded or run", expect.any(String)]]);
    expect(out.plan.reply).toMatch(
      / \(The built-in planner made this plan: the local model could not be loaded or run\.\)$/,
    );
  });

  it("falls back when the answer is not a valid plan, logging the broken field", async () => {
    const logged: [string, string | undefined][] = [];
    const planner = createLlamaPlanner(config(exporter), {
      ask: async () => ({
        text: JSON.stringify({
          intent: "edit",
          ops: [{ op: "speed", factor: 99, target: null }],
          reply: "",
          revise: null,
        }),
        cutOff: false,
      }),
      onFallback: (why, detail) => logged.push([why, detail]),
    });
    const out = await planner.plan("add captions", ctx);
    expect(out.planner).toBe("rules (local model gave an answer that is not a valid plan)");
    expect(logged).toEqual([
      ["gave an answer that is not a valid plan", expect.stringMatching(/^ops\.0\.factor: /)],
    ]);
  });

  it("stops when the user cancels instead of falling back", async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(
      createLlamaPlanner(config(exporter)).plan("add captions", ctx, { signal: stop.signal }),
    ).rejects.toThrow();
  });
});
