// POST /api/state/redo - step the timeline forward again after an undo
import { sessionRoute, json } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = sessionRoute({ replay: "rerun" }, async ({ caller, backend }) =>
  json(await backend.redo(caller)),
);
