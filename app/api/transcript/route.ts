// GET /api/transcript - the timeline's words for the transcript panel; POST - transcribe the clips that have none yet
import { AppError } from "@/lib/errors";
import { sessionRoute, json } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const UNAVAILABLE =
  "Editing by transcript is not available with this server's backend yet. Use the chat or the timeline instead.";

export const GET = sessionRoute({ replay: "rerun" }, async ({ caller, backend }) => {
  if (!backend.transcript) throw new AppError("unavailable", UNAVAILABLE);
  return json(await backend.transcript(caller));
});

export const POST = sessionRoute({ replay: "rerun" }, async ({ caller, backend }) => {
  if (!backend.transcribe) throw new AppError("unavailable", UNAVAILABLE);
  return json(await backend.transcribe(caller));
});
