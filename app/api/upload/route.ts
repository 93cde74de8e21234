// POST /api/upload - stream clips (multipart "files") or import links (JSON {urls}) into the session's media bin
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/server/http/read-json";
import { takeNodeBody } from "@/lib/server/http/request-body";
import { zodToAppError } from "@/lib/server/http/error-response";
import { json, sessionRoute } from "@/lib/server/http/session-route";
import { importUrlsSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = sessionRoute({ replay: "rerun" }, async ({ req, caller, backend }) => {
  const contentType = req.headers.get("content-type") ?? "";
  if (/^application\/json/i.test(contentType)) {
    const parsed = importUrlsSchema.safeParse(await readJson(req));
    if (!parsed.success) throw zodToAppError(parsed.error);
    return json(await backend.importUrls(caller, parsed.data.urls));
  }
  if (!req.body)
    throw new AppError(
      "bad_request",
      'The upload had no files in it. Send them as multipart/form-data in the "files" field.',
    );
  const length = Number(req.headers.get("content-length"));
  const result = await backend.upload(caller, {
    body: req.body,
    nodeBody: takeNodeBody(req),
    contentType,
    contentLength: Number.isFinite(length) && length > 0 ? length : null,
  });
  return json(result);
});
