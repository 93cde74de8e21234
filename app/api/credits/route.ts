// GET /api/credits - available / frozen / total
import { sessionRoute, json } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = sessionRoute({ replay: "rerun" }, async ({ caller, backend }) =>
  json(await backend.credits(caller)),
);
