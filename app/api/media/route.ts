// GET /api/media - the session's media bin
import { json, sessionRoute } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = sessionRoute({ replay: "rerun" }, async ({ caller, backend }) =>
  json({ files: await backend.listMedia(caller) }),
);
