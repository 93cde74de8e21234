// POST /api/projects/:id - switch to one of the visitor's earlier projects; DELETE - delete one with everything in it
import { AppError } from "@/lib/errors";
import { sessionRoute, json } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = sessionRoute<{ id: string }>(
  { replay: "rerun" },
  async ({ caller, backend, params, session }) => {
    // getSession checks ownership: another visitor's id is "not found".
    const project = await backend.getSession({ ...caller, sessionId: params.id });
    session.sessionId = project.id;
    await session.save();
    return json({ project });
  },
);

export const DELETE = sessionRoute<{ id: string }>(
  { replay: "rerun" },
  async ({ caller, backend, params, session }) => {
    if (!backend.deleteProject)
      throw new AppError("unavailable", "Projects cannot be deleted with this backend yet.");
    await backend.deleteProject(caller, params.id);
    // Deleting the open project: the visitor goes on in a fresh one.
    let current = caller.sessionId;
    if (params.id === caller.sessionId) {
      current = (await backend.createSession(caller, {})).id;
      session.sessionId = current;
      await session.save();
    }
    return json({ deleted: params.id, current });
  },
);
