// POST /api/chat - one chat turn, streamed as server-sent events (ChatEvent per `data:` line)
import { chatRequestSchema } from "@/lib/events/schema";
import { sessionRoute } from "@/lib/server/http/session-route";
import { sseResponse } from "@/lib/server/http/stream-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = sessionRoute(
  { replay: "rerun", body: chatRequestSchema },
  async ({ caller, backend, body, requestId }) => {
    // Token and session are checked before the stream opens, so 1001/1002 still get their HTTP answers
    // (and a rerun after 1001 is safe: the message is sent by the stream, after this handler returned).
    await backend.getSession(caller);
    return sseResponse(backend.chat(caller, body.message), requestId);
  },
);
