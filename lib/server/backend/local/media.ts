import "server-only";
import { AppError } from "@/lib/errors";
import type { Engine } from "@/lib/engine/create-engine";
import type { Backend } from "../types";

type MediaPart = Pick<Backend, "upload" | "importUrls" | "listMedia" | "mediaFile" | "deleteMedia">;

// Filled in by the media-ingest work (issue 3).
export function localMediaPart(_engine: Engine): MediaPart {
  const notYet = async (): Promise<never> => {
    throw new AppError("unavailable", "Uploading is not available on this server yet.");
  };
  return {
    upload: notYet,
    importUrls: notYet,
    listMedia: async () => [],
    mediaFile: notYet,
    deleteMedia: notYet,
  };
}
