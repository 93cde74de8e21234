// POST /api/captions - use an uploaded .srt/.vtt file as the captions track
import { AppError } from "@/lib/errors";
import { sessionRoute, json } from "@/lib/server/http/session-route";
import { readSubtitleUpload } from "./read-subtitle-upload";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = sessionRoute({ replay: "never" }, async ({ req, caller, backend }) => {
  const file = await readSubtitleUpload(req);
  if (!backend.uploadCaptions) {
    throw new AppError(
      "unavailable",
      "This server cannot take captions files yet. Ask for captions in the chat instead.",
    );
  }
  return json(await backend.uploadCaptions(caller, file));
});
