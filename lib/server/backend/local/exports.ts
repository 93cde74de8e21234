import "server-only";
import { AppError } from "@/lib/errors";
import type { Engine } from "@/lib/engine/create-engine";
import type { Backend, Caller } from "../types";

type ExportPart = Pick<
  Backend,
  "startExport" | "exportStatus" | "listExports" | "cancelExport" | "download" | "sharedExport" | "sharedFile"
> & { previewUrl(caller: Caller): Promise<string | null> };

// Filled in by the renderer work (issue 4).
export function localExportPart(_engine: Engine): ExportPart {
  const notYet = async (): Promise<never> => {
    throw new AppError("unavailable", "Exporting is not available on this server yet.");
  };
  return {
    startExport: notYet,
    exportStatus: notYet,
    listExports: async () => [],
    cancelExport: notYet,
    download: notYet,
    sharedExport: notYet,
    sharedFile: notYet,
    previewUrl: async () => null,
  };
}
