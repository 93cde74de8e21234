import "server-only";
import type { Engine } from "@/lib/engine/create-engine";
import type { ExportDownload } from "@/lib/engine/exports/exports";
import { exportJobView, previewPlayerUrl } from "../../links";
import type { Backend, Caller, FileResult } from "../types";

type ExportPart = Pick<
  Backend,
  | "startExport"
  | "exportStatus"
  | "listExports"
  | "cancelExport"
  | "download"
  | "sharedExport"
  | "sharedFile"
> &
  Required<Pick<Backend, "revokeShare" | "deleteExport" | "deleteProject">> & {
    previewUrl(caller: Caller): Promise<string | null>;
  };

// Exports on the embedded engine: every call first proves the caller owns the session,
// then engine.exports does the work. Its records carry ids; the URLs are made here
// (lib/server/links.ts), share links absolute because they are meant to be pasted
// elsewhere. With STORAGE=s3 downloads are presigned redirects.
export function localExportPart(engine: Engine): ExportPart {
  const owner = (caller: Caller) => engine.forCaller(caller.token, caller.sessionId);
  const answer = (d: ExportDownload): FileResult =>
    d.kind === "redirect"
      ? d
      : {
          kind: "file",
          path: d.path,
          contentType: d.contentType,
          filename: d.filename,
          immutable: true,
        };
  const absolute = exportJobView;

  return {
    async startExport(caller, input) {
      const { tokenId, sessionId } = owner(caller);
      return absolute(engine.exports.start(sessionId, tokenId, input), caller.origin);
    },
    async exportStatus(caller, exportId) {
      return absolute(engine.exports.get(owner(caller).sessionId, exportId), caller.origin);
    },
    async listExports(caller) {
      return engine.exports.list(owner(caller).sessionId).map((j) => absolute(j, caller.origin));
    },
    async cancelExport(caller, exportId) {
      return absolute(
        await engine.exports.cancel(owner(caller).sessionId, exportId),
        caller.origin,
      );
    },
    async download(caller, exportId, format): Promise<FileResult> {
      return answer(await engine.exports.download(owner(caller).sessionId, exportId, format));
    },
    async deleteExport(caller, exportId) {
      engine.exports.remove(owner(caller).sessionId, exportId);
    },
    async deleteProject(caller, projectId) {
      // forCaller proves ownership: someone else's project is "not found" (1002).
      await engine.retention.removeProject(engine.forCaller(caller.token, projectId).sessionId);
    },
    async revokeShare(caller, exportId) {
      return absolute(engine.exports.revokeShare(owner(caller).sessionId, exportId), caller.origin);
    },
    async sharedExport(shareId) {
      const { job, title, hasPoster } = engine.exports.shared(shareId);
      // The share page itself: its own link stays a path (the page knows its origin).
      return { job: exportJobView(job), title, hasPoster };
    },
    async sharedFile(shareId, file = "video"): Promise<FileResult> {
      return answer(
        await engine.exports.sharedDownload(shareId, file === "poster" ? "poster" : "mp4"),
      );
    },
    async previewUrl(caller) {
      const id = engine.exports.latestPreviewId(owner(caller).sessionId);
      return id ? previewPlayerUrl(id) : null;
    },
  };
}
