// GET /api/exports/:id - one export's status and progress
import { json, sessionRoute } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = sessionRoute<{ id: string }>({}, async ({ caller, backend, params }) => json(await backend.exportStatus(caller, params.id)));
