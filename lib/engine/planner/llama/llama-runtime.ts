import type { Llama, LlamaContext, LlamaModel } from "node-llama-cpp";
import type { JsonSchemaNode } from "./plan-grammar-schema";

// node-llama-cpp behind one small function: load llama.cpp's prebuilt CPU binary (the
// @node-llama-cpp/<platform> package; never a build from source, never a download), load
// a GGUF model once per path, and answer one prompt at a time with the output held to a
// JSON schema by a grammar. The module is imported only when a local model is used, so
// the rule planner never pays for it.

export interface LlamaAnswerRequest {
  modelPath: string;
  system: string;
  user: string;
  schema: JsonSchemaNode;
  maxTokens: number;
  /** CPU threads; more threads than free cores makes llama.cpp's spinning workers crawl. */
  threads: number;
  contextSize?: number;
  signal?: AbortSignal;
}

export interface LlamaAnswer {
  text: string;
  /** True when generation stopped at maxTokens rather than at the end of the JSON. */
  cutOff: boolean;
}

interface Loaded {
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
  grammars: Map<JsonSchemaNode, Awaited<ReturnType<Llama["createGrammarForJsonSchema"]>>>;
}

const loaded = new Map<string, Promise<Loaded>>();
let llamaPromise: Promise<Llama> | null = null;
/** One generation at a time: a context has one sequence, and the CPU is shared anyway. */
let queue: Promise<unknown> = Promise.resolve();

async function getLlamaOnce(threads: number): Promise<Llama> {
  llamaPromise ??= import("node-llama-cpp").then(({ getLlama, LlamaLogLevel }) =>
    getLlama({
      gpu: false,
      build: "never",
      skipDownload: true,
      progressLogs: false,
      maxThreads: threads,
      logLevel: LlamaLogLevel.error,
    }),
  );
  return llamaPromise.catch((err) => {
    llamaPromise = null;
    throw err;
  });
}

function load(modelPath: string, threads: number, contextSize: number): Promise<Loaded> {
  const key = `${modelPath}\n${threads}\n${contextSize}`;
  let p = loaded.get(key);
  if (!p) {
    p = (async () => {
      const llama = await getLlamaOnce(threads);
      const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
      const context = await model.createContext({
        contextSize: Math.min(contextSize, model.trainContextSize),
        threads,
        sequences: 1,
      });
      return { llama, model, context, grammars: new Map() };
    })();
    p.catch(() => loaded.delete(key));
    loaded.set(key, p);
  }
  return p;
}

/** Loads the model (once) and answers; throws when the binary or the model cannot be loaded. */
export function askLlama(req: LlamaAnswerRequest): Promise<LlamaAnswer> {
  const run = queue.then(() => answer(req));
  queue = run.catch(() => undefined);
  return run;
}

async function answer(req: LlamaAnswerRequest): Promise<LlamaAnswer> {
  req.signal?.throwIfAborted();
  const { LlamaChatSession } = await import("node-llama-cpp");
  const m = await load(req.modelPath, req.threads, req.contextSize ?? 4096);
  let grammar = m.grammars.get(req.schema);
  if (!grammar) {
    // The schema is our own and checked by tests; node-llama-cpp's type is stricter than JSON.
    grammar = await m.llama.createGrammarForJsonSchema(req.schema as never);
    m.grammars.set(req.schema, grammar);
  }
  const sequence = m.context.getSequence();
  const session = new LlamaChatSession({ contextSequence: sequence, systemPrompt: req.system });
  try {
    const res = await session.promptWithMeta(req.user, {
      grammar,
      maxTokens: req.maxTokens,
      temperature: 0,
      signal: req.signal,
    });
    const text = res.response.filter((r): r is string => typeof r === "string").join("");
    return { text, cutOff: res.stopReason === "maxTokens" };
  } finally {
    session.dispose();
    sequence.dispose();
  }
}

/** Frees every loaded model (tests, shutdown). */
export async function unloadLlamaModels(): Promise<void> {
  const all = [...loaded.values()];
  loaded.clear();
  for (const p of all) {
    const m = await p.catch(() => null);
    await m?.context.dispose();
    await m?.model.dispose();
  }
}
