// GET /api/projects - the visitor's projects; POST /api/projects - start a new one
import { z } from "zod";
import { sessionRoute, json } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = sessionRoute({ replay: "rerun" }, async ({ caller, backend }) => {
  return json({ projects: await backend.listProjects(caller), current: caller.sessionId });
});

const newProjectSchema = z.object({ title: z.string().trim().max(120).optional() });

export const POST = sessionRoute(
  { replay: "rerun", body: newProjectSchema },
  async ({ caller, backend, body, session }) => {
    const project = await backend.createSession(caller, { title: body.title });
    session.sessionId = project.id;
    await session.save();
    return json({ project }, { status: 201 });
  },
);
