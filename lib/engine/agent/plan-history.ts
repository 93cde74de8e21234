import { planSchema, type Plan } from "@/lib/plan/schema";
import type { Db } from "../store/open-database";
import type { PlanHistory } from "../api";

// The plans of past turns (migration 50): the planner reads the last one for follow-ups.
export interface PlanRecord {
  plan: Plan;
  planner: string;
  version: number | null;
}

export type { PlanHistory } from "../api";

export function createPlanHistory(
  db: Db,
  now: () => number = () => Date.now(),
): PlanHistory & { deleteSession(sessionId: string): void } {
  return {
    /** Every plan of a session (its project is being deleted). */
    deleteSession(sessionId: string): void {
      db.prepare("DELETE FROM plans WHERE session_id = ?").run(sessionId);
    },
    save(
      sessionId: string,
      request: string,
      plan: Plan,
      planner: string,
      version: number | null,
    ): void {
      db.prepare(
        "INSERT INTO plans (session_id, request, plan, planner, version, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(sessionId, request, JSON.stringify(plan), planner, version, now());
    },
    /** The newest plan of any kind, so a typed answer can find the question it answers. */
    last(sessionId: string): PlanRecord | null {
      const r = db
        .prepare(
          "SELECT plan, planner, version FROM plans WHERE session_id = ? ORDER BY id DESC LIMIT 1",
        )
        .get(sessionId) as { plan: string; planner: string; version: number | null } | undefined;
      if (!r) return null;
      const parsed = planSchema.safeParse(JSON.parse(r.plan));
      return parsed.success ? { plan: parsed.data, planner: r.planner, version: r.version } : null;
    },
    /** The newest plan that changed something (edits and exports), or null. */
    lastEdit(sessionId: string): PlanRecord | null {
      const r = db
        .prepare(
          "SELECT plan, planner, version FROM plans WHERE session_id = ? AND json_extract(plan, '$.intent') IN ('edit', 'export') ORDER BY id DESC LIMIT 1",
        )
        .get(sessionId) as { plan: string; planner: string; version: number | null } | undefined;
      if (!r) return null;
      const parsed = planSchema.safeParse(JSON.parse(r.plan));
      return parsed.success ? { plan: parsed.data, planner: r.planner, version: r.version } : null;
    },
  };
}
