// POST /api/session - connect: make sure the visitor has a token and a session, say "Ready"
import { sessionRoute, json } from "@/lib/server/http/session-route";
import type { ConnectResult } from "@/lib/state/schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = sessionRoute(
  { replay: "rerun", mint: true },
  async ({ caller, backend, notice }) => {
    const [project, credits] = await Promise.all([
      backend.getSession(caller),
      backend.credits(caller),
    ]);
    const result: ConnectResult = { backend: backend.kind, project, credits, notice };
    return json(result);
  },
);
