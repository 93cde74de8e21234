import {
  ACCEPTED_EXTENSIONS,
  ACCEPTED_TYPES_SENTENCE,
  ALL_ACCEPTED_EXTENSIONS,
  type MediaKind,
} from "@/lib/media/schema";

// The browser refuses what the server would refuse anyway, before spending minutes on
// an upload. The server still decides by content (a renamed .exe passes this check).

export const MAX_UPLOAD_BYTES = 500 * 1024 * 1024;

/** react-dropzone `accept`: MIME types with the extensions that go with them. */
export const DROPZONE_ACCEPT: Record<string, string[]> = {
  "video/mp4": [".mp4"],
  "video/quicktime": [".mov"],
  "video/x-msvideo": [".avi"],
  "video/webm": [".webm"],
  "video/x-matroska": [".mkv"],
  "image/jpeg": [".jpg", ".jpeg"],
  "image/png": [".png"],
  "image/gif": [".gif"],
  "image/webp": [".webp"],
  "audio/mpeg": [".mp3"],
  "audio/wav": [".wav"],
  "audio/x-wav": [".wav"],
  "audio/mp4": [".m4a"],
  "audio/x-m4a": [".m4a"],
  "audio/aac": [".aac"],
};

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

export function kindOfName(name: string): MediaKind | null {
  const ext = extensionOf(name);
  for (const [kind, list] of Object.entries(ACCEPTED_EXTENSIONS)) {
    if ((list as readonly string[]).includes(ext)) return kind as MediaKind;
  }
  return null;
}

/** "500 MB", "20 MB", "1.5 GB": an upload limit as people say it. */
export function formatLimit(maxBytes: number): string {
  const mb = maxBytes / (1024 * 1024);
  return mb >= 1024 ? `${Number((mb / 1024).toFixed(1))} GB` : `${Math.round(mb)} MB`;
}

/** Why this file cannot be uploaded, as a sentence, or null when it may go. */
export function refusalReason(
  file: { name: string; size: number },
  maxBytes = MAX_UPLOAD_BYTES,
): string | null {
  const ext = extensionOf(file.name);
  if (!ALL_ACCEPTED_EXTENSIONS.includes(ext)) {
    const what = ext ? `.${ext} files` : "Files without an extension";
    return `${what} can't be used. ${ACCEPTED_TYPES_SENTENCE}`;
  }
  if (file.size === 0)
    return "This file is empty (0 bytes). Export it again from its app and retry.";
  if (file.size > maxBytes) {
    return `This file is larger than ${formatLimit(maxBytes)}. Trim it or compress it (for example to 1080p H.264), then upload it again.`;
  }
  return null;
}
