import { planSchema, type Plan } from "@/lib/plan/schema";
import { describeOps } from "../describe-ops";
import { describeContext, PLAN_RULES } from "../llm-planner";
import type { PlannerContext } from "../planner-context";
import { createRulePlanner, type Planner, type PlannerOutput } from "../planner";
import { llamaModelName, llamaModelStatus, type LlamaModelConfig } from "./llama-model-file";
import { askLlama, type LlamaAnswer, type LlamaAnswerRequest } from "./llama-runtime";
import { planGrammarSchema, stripNulls } from "./plan-grammar-schema";

// The planner on a local model (node-llama-cpp, a GGUF file on this machine): offline
// once the model is there. The rules stay the fast path (whole-message requests such as
// undo or "show the timeline" never wait for the model, and their two-choice questions
// about destructive edits stand) and the fallback: no model yet,
// a model or binary that will not load, an answer that is cut off or not a valid plan,
// or a timeout. The reply and the plan step say honestly which planner answered.

export interface LlamaPlannerConfig extends LlamaModelConfig {
  /** CPU threads for llama.cpp (LLAMA_THREADS). */
  threads: number;
  /** Give up and use the rules after this long, ms (LLAMA_TIMEOUT_MS). */
  timeoutMs: number;
  /** Longest answer, in tokens. */
  maxTokens?: number;
}

export interface LlamaPlannerDeps {
  /** Told why the rules answered instead, with details for the server log only. */
  onFallback?: (why: string, detail?: string) => void;
  log?: (line: string) => void;
  /** The model call; tests may swap it, the default is node-llama-cpp. */
  ask?: (req: LlamaAnswerRequest) => Promise<LlamaAnswer>;
  /** The fast path and fallback; the rule planner by default. */
  rules?: Planner;
}

/** Requests the rules read whole and for sure: answered without the model. */
const FAST_INTENTS = new Set<Plan["intent"]>(["undo", "redo", "credits", "state", "upload"]);

const SYSTEM = `You plan edits for a chat-driven video editor. Answer with the plan as one JSON object.
${PLAN_RULES}
Use null for every field the user did not ask for.`;

/** Why the rules answer: `message` is shown to the user, `detail` only logged (it may name paths or hosts). */
class Fallback extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export function createLlamaPlanner(cfg: LlamaPlannerConfig, deps: LlamaPlannerDeps = {}): Planner {
  const rules = deps.rules ?? createRulePlanner();
  const ask = deps.ask ?? askLlama;
  const name = llamaModelName(cfg);

  async function askModel(
    modelPath: string,
    request: string,
    ctx: PlannerContext,
    signal?: AbortSignal,
  ): Promise<Plan> {
    const timeout = AbortSignal.timeout(cfg.timeoutMs);
    let answer: LlamaAnswer;
    try {
      answer = await ask({
        modelPath,
        system: `${SYSTEM}\n\n${describeContext(ctx)}`,
        user: request,
        schema: planGrammarSchema,
        maxTokens: cfg.maxTokens ?? 400,
        threads: cfg.threads,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      if (timeout.aborted)
        throw new Fallback(`took longer than ${Math.round(cfg.timeoutMs / 1000)} s`);
      throw new Fallback(
        "could not be loaded or run",
        err instanceof Error ? err.message : String(err),
      );
    }
    if (answer.cutOff) throw new Fallback("ran out of room before finishing its answer");
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      throw new Fallback("gave an answer that is not JSON");
    }
    const parsed = planSchema.safeParse(stripNulls(json));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Fallback(
        "gave an answer that is not a valid plan",
        issue && `${issue.path.join(".")}: ${issue.message}`,
      );
    }
    const plan = parsed.data;
    if (plan.intent === "clarify")
      return {
        ...plan,
        ops: [],
        reply: plan.reply.trim() || "Could you say a little more about what to change?",
      };
    return {
      ...plan,
      reply: plan.reply.trim() || (plan.ops.length ? describeOps(plan.ops) : "Done."),
    };
  }

  return {
    async plan(request, ctx, opts = {}): Promise<PlannerOutput> {
      const fast = await rules.plan(request, ctx);
      if (FAST_INTENTS.has(fast.plan.intent)) return fast;
      // The rules ask "remove it, or keep only it?" when an edit could do the opposite of
      // what was meant: a guess from the model must not skip that question.
      if (fast.plan.intent === "clarify" && fast.plan.choices?.length) return fast;
      const fallback = (why: string, detail?: string): PlannerOutput => {
        deps.onFallback?.(why, detail);
        return {
          plan: {
            ...fast.plan,
            reply: `${fast.plan.reply} (The built-in planner made this plan: the local model ${why}.)`,
          },
          planner: `${fast.planner} (local model ${why})`,
        };
      };
      const status = llamaModelStatus(cfg, deps.log);
      if (!status.ready) return fallback(status.why, status.detail);
      try {
        const plan = await askModel(status.path, request, ctx, opts.signal);
        return {
          plan: { ...plan, reply: `${plan.reply} (Planned by the local model, ${name}.)` },
          planner: `local model (${name})`,
        };
      } catch (err) {
        if (err instanceof Fallback) return fallback(err.message, err.detail);
        throw err;
      }
    },
  };
}
