import { AppError } from "@/lib/errors";
import { contentTypeOf, type SourceFormat } from "../ingest/sniff-format";
import type { MediaRecord } from "./types";

// The files behind a media item's variants. The browser's view of an item, with its
// /api/media/<id>/<variant> URLs, is made in lib/server (backend/local/convert.ts).

export type MediaVariant = "source" | "play" | "poster" | "filmstrip" | "peaks";

export interface MediaFileInfo {
  path: string;
  contentType: string;
  /** Never changes for this URL (derived files, the source). */
  immutable: boolean;
  filename?: string;
}

export function mediaFileOf(m: MediaRecord, variant: MediaVariant): MediaFileInfo {
  const missing = () =>
    new AppError(
      "not_found",
      `This clip has no ${variant} yet. It may still be in preparation; try again in a moment.`,
    );
  const sourceType = contentTypeOf((m.format || "mp4") as SourceFormat, m.kind);
  switch (variant) {
    case "source":
      return { path: m.path, contentType: sourceType, immutable: true, filename: m.name };
    case "play":
      if (m.proxyStatus === "ready" && m.proxy)
        return {
          path: m.proxy,
          contentType: m.kind === "audio" ? "audio/mp4" : "video/mp4",
          immutable: true,
        };
      // Browsers play H.264 .mov through their MP4 demuxer when told it is MP4.
      return {
        path: m.path,
        contentType: sourceType === "video/quicktime" ? "video/mp4" : sourceType,
        immutable: false,
      };
    case "poster":
      if (!m.poster) throw missing();
      return { path: m.poster, contentType: "image/jpeg", immutable: true };
    case "filmstrip":
      if (!m.filmstrip) throw missing();
      return { path: m.filmstrip, contentType: "image/jpeg", immutable: true };
    case "peaks":
      if (!m.peaks) throw missing();
      return { path: m.peaks, contentType: "application/json", immutable: true };
  }
}
