// GET|HEAD /api/media/:id/:variant - a clip's source, playable version, poster, filmstrip or peaks, with Range
import { AppError } from "@/lib/errors";
import type { MediaVariant } from "@/lib/server/backend/types";
import { sendFile } from "@/lib/server/http/send-file";
import { sessionRoute } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const VARIANTS = new Set<string>(["source", "play", "poster", "filmstrip", "peaks"]);

export const GET = sessionRoute<{ id: string; variant: string }>(
  { replay: "rerun" },
  async ({ req, params, caller, backend }) => {
    if (!VARIANTS.has(params.variant))
      throw new AppError("not_found", "There is no such file for this clip.");
    const file = await backend.mediaFile(caller, params.id, params.variant as MediaVariant);
    return sendFile(req, file, {
      download: params.variant === "source" && new URL(req.url).searchParams.has("download"),
    });
  },
);

export const HEAD = GET;
