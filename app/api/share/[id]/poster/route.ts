// GET|HEAD /api/share/:id/poster - a shared export's poster picture (share cards), no session needed
import { publicRoute } from "@/lib/server/http/session-route";
import { sendFile } from "@/lib/server/http/send-file";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = publicRoute<{ id: string }>(async ({ req, params, backend }) => {
  const file = await backend.sharedFile(params.id, "poster");
  return sendFile(req, file, { download: false });
});

export const GET = handler;
export const HEAD = handler;
