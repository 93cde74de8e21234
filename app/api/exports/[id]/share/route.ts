// DELETE /api/exports/:id/share - withdraw the export's share link (it answers 404 from now on)
import { AppError } from "@/lib/errors";
import { json, sessionRoute } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = sessionRoute<{ id: string }>(
  { replay: "rerun" },
  async ({ caller, backend, params }) => {
    if (!backend.revokeShare)
      throw new AppError("unavailable", "Share links cannot be withdrawn with this backend yet.");
    return json(await backend.revokeShare(caller, params.id));
  },
);
