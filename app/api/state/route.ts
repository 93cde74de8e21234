// GET /api/state - the session's timeline, media, exports and chat history
import { sessionRoute, json } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = sessionRoute({ replay: "rerun" }, async ({ caller, backend }) =>
  json(await backend.state(caller)),
);
