// GET|HEAD /api/share/:id/video - a shared export's video, no session needed (?download=1 to save it)
import { publicRoute } from "@/lib/server/http/session-route";
import { sendFile } from "@/lib/server/http/send-file";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = publicRoute<{ id: string }>(async ({ req, params, backend }) => {
  const file = await backend.sharedFile(params.id);
  return sendFile(req, file, { download: new URL(req.url).searchParams.get("download") === "1" });
});

export const GET = handler;
export const HEAD = handler;
