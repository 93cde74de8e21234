// GET|HEAD /api/exports/:id/download?format=mp4|srt|vtt - the finished file, with Range
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { sendFile } from "@/lib/server/http/send-file";
import { sessionRoute } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const formatSchema = z.enum(["mp4", "srt", "vtt"]);

const handler = sessionRoute<{ id: string }>(
  { replay: "rerun" },
  async ({ req, caller, backend, params }) => {
    const query = new URL(req.url).searchParams;
    const format = formatSchema.safeParse(query.get("format") ?? "mp4");
    if (!format.success)
      throw new AppError("validation", "Choose a download format: mp4, srt or vtt.", {
        field: "format",
      });
    const file = await backend.download(caller, params.id, format.data);
    // inline=1 is for the studio's player; everything else downloads as a file.
    return sendFile(req, file, { download: query.get("inline") !== "1" });
  },
);

export const GET = handler;
export const HEAD = handler;
