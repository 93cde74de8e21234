import { z } from "zod";
import { planSchema, type Plan } from "@/lib/plan/schema";
import { formatTime } from "./describe-ops";
import type { PlannerContext } from "./planner-context";
import { createRulePlanner, type Planner } from "./planner";

// An optional planner through any OpenAI-compatible /chat/completions endpoint with tool
// calling (OpenAI, Ollama, vLLM, LM Studio...). The model must call `make_plan`, whose
// parameters are the plan schema itself; its answer is validated with planSchema. Any
// failure (network, timeout, HTTP error, no tool call, bad JSON, invalid plan) hands the
// request to the rule planner, and the reply says so.

export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const TOOL = "make_plan";

export const planToolSchema = (() => {
  const schema = z.toJSONSchema(planSchema, { io: "input" }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
})();

/** The session facts every model planner (remote or local) is told. */
export function describeContext(ctx: PlannerContext): string {
  const lines = [
    `Timeline length: ${ctx.durationSec !== undefined ? formatTime(ctx.durationSec) : "unknown (no clips yet)"}; frame ${ctx.aspect}.`,
    ctx.clips.length
      ? `Clips on the timeline: ${ctx.clips.map((c) => `${c.index}: ${c.name} (${formatTime(c.durationSec)}, mediaId ${c.mediaId})`).join("; ")}.`
      : "No clips on the timeline.",
    ctx.media?.length
      ? `Files uploaded: ${ctx.media.map((m) => `${m.name} (${m.kind}, id ${m.id})`).join("; ")}.`
      : "",
    `Captions: ${ctx.hasCaptions ? "yes" : "no"}. Titles: ${ctx.hasTitles ? "yes" : "no"}. Music: ${ctx.hasMusic ? "yes" : "no"}.`,
    ctx.lastPlan
      ? `Previous plan: ${JSON.stringify({ intent: ctx.lastPlan.intent, ops: ctx.lastPlan.ops })}`
      : "",
  ];
  return lines.filter(Boolean).join("\n");
}

/** What a plan means, for any model planner (remote or local). */
export const PLAN_RULES = `intent: export (only exporting), credits, state (show the timeline), upload (how to upload), undo, redo, edit (change the video), clarify (vague or impossible: ask one short question in reply, ops empty).
Seconds are numbers. trim keeps only [start, end) ("intro" as start finds where content starts); cut removes [from, to).
Platforms: youtube/1080p/720p/twitter/linkedin are 16:9; shorts/tiktok/reels 9:16 (add an aspect op first when the frame differs); instagram/square 1:1; portrait 4:5.
revise: true only when the user corrects the previous plan ("actually make it 10 seconds"): ops then replace the previous plan's ops.
Never invent edits the user did not ask for. reply: one sentence saying what you will do.`;

const SYSTEM = `You plan edits for a chat-driven video editor. Call ${TOOL} exactly once.
${PLAN_RULES}`;

async function askModel(
  request: string,
  ctx: PlannerContext,
  cfg: LlmConfig,
  signal?: AbortSignal,
): Promise<Plan> {
  const doFetch = cfg.fetch ?? fetch;
  const timeout = AbortSignal.timeout(cfg.timeoutMs ?? 20_000);
  const res = await doFetch(`${cfg.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}),
    },
    body: JSON.stringify({
      model: cfg.model,
      temperature: 0,
      messages: [
        { role: "system", content: `${SYSTEM}\n\n${describeContext(ctx)}` },
        { role: "user", content: request },
      ],
      tools: [
        {
          type: "function",
          function: {
            name: TOOL,
            description: "The plan for this request.",
            parameters: planToolSchema,
          },
        },
      ],
      tool_choice: { type: "function", function: { name: TOOL } },
    }),
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json()) as {
    choices?: {
      message?: {
        content?: string | null;
        tool_calls?: { function?: { name?: string; arguments?: string } }[];
      };
    }[];
  };
  const message = body.choices?.[0]?.message;
  const call =
    message?.tool_calls?.find((t) => t.function?.name === TOOL) ?? message?.tool_calls?.[0];
  // Some local models answer with the JSON as text instead of a tool call.
  const raw = call?.function?.arguments ?? message?.content;
  if (!raw) throw new Error("no plan in the answer");
  const parsed = planSchema.safeParse(
    typeof raw === "string" ? JSON.parse(raw.replace(/^```(?:json)?\s*|\s*```$/g, "")) : raw,
  );
  if (!parsed.success)
    throw new Error(`invalid plan: ${parsed.error.issues[0]?.message ?? "schema"}`);
  if (parsed.data.intent === "clarify" && parsed.data.ops.length)
    return { ...parsed.data, ops: [] };
  return parsed.data;
}

export function createLlmPlanner(
  cfg: LlmConfig,
  onFallback: (why: string) => void = () => {},
): Planner {
  const rules = createRulePlanner();
  const name = `LLM (${cfg.model})`;
  return {
    async plan(request, ctx, opts = {}) {
      try {
        const plan = await askModel(request, ctx, cfg, opts.signal);
        return {
          plan: { ...plan, reply: `${plan.reply} (Planned by ${cfg.model}.)` },
          planner: name,
        };
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        const why =
          err instanceof Error
            ? err.name === "TimeoutError"
              ? "it timed out"
              : err.message
            : String(err);
        onFallback(why);
        const out = await rules.plan(request, ctx);
        return {
          plan: {
            ...out.plan,
            reply: `${out.plan.reply} (The language model did not answer usefully, so the built-in planner made this plan.)`,
          },
          planner: `${out.planner} (LLM fallback)`,
        }; // why: server log only (it may name the LLM's address)
      }
    },
  };
}
