// POST /api/exports - start a final export or a quick preview; GET - the session's exports
import { startExportSchema } from "@/lib/export/schema";
import { json, sessionRoute } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = sessionRoute(
  { replay: "rerun", body: startExportSchema },
  async ({ caller, backend, body }) =>
    json(await backend.startExport(caller, body), { status: 202 }),
);

export const GET = sessionRoute({ replay: "rerun" }, async ({ caller, backend }) =>
  json({ exports: await backend.listExports(caller) }),
);
