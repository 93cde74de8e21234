import type { MediaKind } from "@/lib/media/schema";

// Decides what a file is from its first bytes, never from its name: a renamed .exe
// stays an .exe. ffprobe then confirms the container and finds the streams.

export type SourceFormat =
  | "mp4"
  | "mov"
  | "m4a"
  | "avi"
  | "wav"
  | "webp"
  | "webm"
  | "mkv"
  | "jpg"
  | "png"
  | "gif"
  | "mp3"
  | "aac";

export interface Sniffed {
  format: SourceFormat;
  /** Kind the bytes promise; ffprobe may turn an mp4/mkv without video into audio. */
  kind: MediaKind;
}

/** Bytes the sniffer wants to see (EBML doc types sit a little way in). */
export const SNIFF_BYTES = 64;

const ascii = (b: Buffer, start: number, end: number) => b.subarray(start, end).toString("latin1");
const QT_ATOMS = new Set(["moov", "mdat", "wide", "free", "skip", "pnot"]);

export function sniffFormat(head: Buffer): Sniffed | null {
  if (head.length < 4) return null;
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { format: "jpg", kind: "image" };
  if (ascii(head, 0, 8) === "\x89PNG\r\n\x1a\n") return { format: "png", kind: "image" };
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a")
    return { format: "gif", kind: "image" };
  if (ascii(head, 0, 4) === "RIFF" && head.length >= 12) {
    const type = ascii(head, 8, 12);
    if (type === "AVI ") return { format: "avi", kind: "video" };
    if (type === "WAVE") return { format: "wav", kind: "audio" };
    if (type === "WEBP") return { format: "webp", kind: "image" };
    return null;
  }
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    // EBML: the DocType element (0x42 0x82) says webm or matroska.
    return head.includes(Buffer.from("webm", "latin1"))
      ? { format: "webm", kind: "video" }
      : { format: "mkv", kind: "video" };
  }
  if (head.length >= 12) {
    const atom = ascii(head, 4, 8);
    if (atom === "ftyp") {
      const brand = ascii(head, 8, 12);
      if (brand === "qt  ") return { format: "mov", kind: "video" };
      if (brand.startsWith("M4A") || brand.startsWith("M4B"))
        return { format: "m4a", kind: "audio" };
      return { format: "mp4", kind: "video" };
    }
    if (QT_ATOMS.has(atom)) return { format: "mov", kind: "video" };
  }
  if (ascii(head, 0, 3) === "ID3") return { format: "mp3", kind: "audio" }; // ffprobe tells mp3 from aac behind the tag
  if (head[0] === 0xff && (head[1] & 0xf6) === 0xf0) return { format: "aac", kind: "audio" }; // ADTS sync, layer 00
  if (head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && ((head[1] >> 1) & 0x03) !== 0)
    return { format: "mp3", kind: "audio" };
  return null;
}

const CONTENT_TYPES: Record<SourceFormat, string> = {
  mp4: "video/mp4",
  mov: "video/quicktime",
  m4a: "audio/mp4",
  avi: "video/x-msvideo",
  wav: "audio/wav",
  webp: "image/webp",
  webm: "video/webm",
  mkv: "video/x-matroska",
  jpg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  mp3: "audio/mpeg",
  aac: "audio/aac",
};

export function contentTypeOf(format: SourceFormat, kind: MediaKind): string {
  // An audio-only mp4/webm is still served with its container's audio type.
  if (kind === "audio" && (format === "mp4" || format === "mov")) return "audio/mp4";
  if (kind === "audio" && format === "webm") return "audio/webm";
  return CONTENT_TYPES[format];
}

/** ffprobe format names that may back each sniffed format. */
export function containerMatches(format: SourceFormat, ffprobeFormat: string): boolean {
  const names = ffprobeFormat.split(",");
  const want: Record<SourceFormat, string[]> = {
    mp4: ["mp4", "mov"],
    mov: ["mov", "mp4"],
    m4a: ["m4a", "mp4", "mov"],
    avi: ["avi"],
    wav: ["wav"],
    webp: ["webp_pipe", "webp"],
    webm: ["webm", "matroska"],
    mkv: ["matroska", "webm"],
    jpg: ["jpeg_pipe", "mjpeg", "image2"],
    png: ["png_pipe", "image2", "apng"],
    gif: ["gif", "gif_pipe"],
    mp3: ["mp3", "aac"],
    aac: ["aac"],
  };
  return want[format].some((n) => names.includes(n));
}
