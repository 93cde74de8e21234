// POST /api/exports/:id/cancel - stop a queued or running export (its credits come back)
import { json, sessionRoute } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = sessionRoute<{ id: string }>(
  { replay: "rerun" },
  async ({ caller, backend, params }) => json(await backend.cancelExport(caller, params.id)),
);
