// GET /api/exports/:id - one export's status and progress; DELETE - remove a finished one
import { AppError } from "@/lib/errors";
import { json, sessionRoute } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = sessionRoute<{ id: string }>(
  { replay: "rerun" },
  async ({ caller, backend, params }) => json(await backend.exportStatus(caller, params.id)),
);

// DELETE /api/exports/:id - delete a finished export and its files (frees the visitor's storage)
export const DELETE = sessionRoute<{ id: string }>(
  { replay: "rerun" },
  async ({ caller, backend, params }) => {
    if (!backend.deleteExport)
      throw new AppError("unavailable", "Exports cannot be deleted with this backend yet.");
    await backend.deleteExport(caller, params.id);
    return json({ deleted: params.id });
  },
);
