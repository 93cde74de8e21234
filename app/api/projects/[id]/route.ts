// POST /api/projects/:id - switch to one of the visitor's earlier projects
import { sessionRoute, json } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = sessionRoute<{ id: string }>({}, async ({ caller, backend, params, session }) => {
  // getSession checks ownership: another visitor's id is "not found".
  const project = await backend.getSession({ ...caller, sessionId: params.id });
  session.sessionId = project.id;
  await session.save();
  return json({ project });
});
