// POST/HEAD/PATCH/DELETE /api/tus[/<id>] - resumable uploads (tus 1.0) into the session's media bin
import { AppError } from "@/lib/errors";
import { takeNodeBody } from "@/lib/server/http/request-body";
import { sessionRoute } from "@/lib/server/http/session-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handle = sessionRoute<{ path?: string[] }>(
  { replay: "rerun" },
  async ({ req, caller, backend }) => {
    if (!backend.resumableUpload) {
      throw new AppError(
        "unavailable",
        "Resumable uploads are not available with this backend. Send the file to POST /api/upload instead.",
      );
    }
    return backend.resumableUpload(caller, req, takeNodeBody(req));
  },
);

export const POST = handle;
export const PATCH = handle;
export const HEAD = handle;
export const DELETE = handle;
