// DELETE /api/media/:id - remove a clip (and its derived files) from the session's media bin
import { sessionRoute } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = sessionRoute<{ id: string }>(
  { replay: "rerun" },
  async ({ params, caller, backend }) => {
    await backend.deleteMedia(caller, params.id);
    return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  },
);
