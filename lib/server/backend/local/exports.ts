import "server-only";
import type { Engine } from "@/lib/engine/create-engine";
import type { ExportJob } from "@/lib/export/schema";
import type { Backend, Caller, FileResult } from "../types";

type ExportPart = Pick<
  Backend,
  "startExport" | "exportStatus" | "listExports" | "cancelExport" | "download" | "sharedExport" | "sharedFile"
> & { previewUrl(caller: Caller): Promise<string | null> };

// Exports on the embedded engine: every call first proves the caller owns the session,
// then engine.exports does the work. Share links are made absolute here, because they
// are meant to be pasted elsewhere.
export function localExportPart(engine: Engine): ExportPart {
  function owner(caller: Caller): { tokenId: string; sessionId: string } {
    const tokenId = engine.accounts.verify(caller.token);
    return { tokenId, sessionId: engine.sessions.get(tokenId, caller.sessionId).id };
  }
  const absolute = (job: ExportJob, origin: string): ExportJob =>
    job.shareUrl && job.shareUrl.startsWith("/") ? { ...job, shareUrl: `${origin}${job.shareUrl}` } : job;

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
      return absolute(await engine.exports.cancel(owner(caller).sessionId, exportId), caller.origin);
    },
    async download(caller, exportId, format): Promise<FileResult> {
      const f = engine.exports.file(owner(caller).sessionId, exportId, format);
      return { kind: "file", path: f.path, contentType: f.contentType, filename: f.filename, immutable: true };
    },
    async sharedExport(shareId) {
      const { job, title } = engine.exports.shared(shareId);
      return { job, title };
    },
    async sharedFile(shareId): Promise<FileResult> {
      const { file } = engine.exports.shared(shareId);
      return { kind: "file", path: file.path, contentType: file.contentType, filename: file.filename, immutable: true };
    },
    async previewUrl(caller) {
      return engine.exports.latestPreviewUrl(owner(caller).sessionId);
    },
  };
}
