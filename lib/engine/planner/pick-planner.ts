import fs from "node:fs";
import type { EngineConfig } from "../engine-config";
import { createLlamaPlanner } from "./llama/llama-planner";
import { llamaModelPath } from "./llama/llama-model-file";
import { createLlmPlanner } from "./llm-planner";
import { createRulePlanner, type Planner } from "./planner";

// PLANNER picks who reads chat requests, once, from the settings: the built-in rules, a
// local model (node-llama-cpp), or an OpenAI-compatible API. Both model planners fall
// back to the rules and say so in the reply.

export type PlannerSettings = Pick<EngineConfig, "planner" | "llm" | "llama">;

export function pickPlanner(
  cfg: PlannerSettings,
  log: (line: string) => void = (l) => console.warn(`[planner] ${l}`),
): Planner {
  const { planner, llm, llama } = cfg;
  const hasLlm = Boolean(llm.baseUrl && llm.model);
  if (planner === "openai" && !hasLlm) {
    throw new Error(
      "PLANNER=openai needs LLM_BASE_URL and LLM_MODEL. Set them, or use PLANNER=rules or PLANNER=llama.",
    );
  }
  if (planner === "openai" || (planner === "auto" && hasLlm)) {
    return createLlmPlanner(
      { baseUrl: llm.baseUrl!, model: llm.model!, apiKey: llm.apiKey },
      (why) => log(`LLM fallback to rules: ${why}`),
    );
  }
  const local = planner === "llama" || (planner === "auto" && fs.existsSync(llamaModelPath(llama)));
  if (!local) return createRulePlanner();
  return createLlamaPlanner(
    { ...llama, download: planner === "llama" },
    {
      onFallback: (why, detail) =>
        log(`local model fallback to rules: ${why}${detail ? ` (${detail})` : ""}`),
      log,
    },
  );
}
