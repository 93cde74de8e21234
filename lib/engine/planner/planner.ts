import type { PlannerContext } from "./planner-context";
import { planWithRules, type RulePlanResult } from "./rule-planner";

// The planner interface the agent talks to: rules (default) or an LLM with the rules as
// its fallback. `planner` names who answered, for the plan event and the reply.

export interface PlannerOutput {
  plan: RulePlanResult;
  /** "rules", or "LLM (model)" */
  planner: string;
}

export interface Planner {
  plan(
    request: string,
    ctx: PlannerContext,
    opts?: { signal?: AbortSignal },
  ): Promise<PlannerOutput>;
}

export const RULES_NAME = "rules";

export function createRulePlanner(): Planner {
  return {
    async plan(request, ctx) {
      return { plan: planWithRules(request, ctx), planner: RULES_NAME };
    },
  };
}
