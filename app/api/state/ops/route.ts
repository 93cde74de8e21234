// POST /api/state/ops - apply edits from the studio (e.g. put clips on the timeline)
import { z } from "zod";
import { opSchema } from "@/lib/plan/schema";
import { sessionRoute, json } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const bodySchema = z.object({ ops: z.array(opSchema).min(1).max(50) });

export const POST = sessionRoute(
  { replay: "rerun", body: bodySchema },
  async ({ caller, backend, body }) => json(await backend.applyOps(caller, body.ops)),
);
