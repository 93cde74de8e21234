// POST /api/state/undo - step the timeline back one change
import { sessionRoute, json } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = sessionRoute({ replay: "rerun" }, async ({ caller, backend }) =>
  json(await backend.undo(caller)),
);
