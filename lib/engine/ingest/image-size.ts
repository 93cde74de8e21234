import fs from "node:fs";
import type { SourceFormat } from "./sniff-format";

// A picture's size read from its header, before anything decodes it: a 16000x16000 PNG
// is 1 MB on disk and 1 GB once decoded, and ffprobe decodes a PNG just to describe it
// (~240 MB and 3.6 s for 8000x8000). Formats whose size we cannot find say null, and the
// decoders' own max_pixels limit (probe-media.ts) still stands behind this.

export interface PixelSize {
  width: number;
  height: number;
}

/** JPEG's frame header may sit after large EXIF blocks: read this much at most. */
const JPEG_SCAN_BYTES = 512 * 1024;

export async function readImageSize(file: string, format: SourceFormat): Promise<PixelSize | null> {
  const want = format === "jpg" ? JPEG_SCAN_BYTES : 64;
  const fh = await fs.promises.open(file, "r");
  try {
    const buf = Buffer.alloc(want);
    const { bytesRead } = await fh.read(buf, 0, want, 0);
    return imageSizeOf(buf.subarray(0, bytesRead), format);
  } finally {
    await fh.close();
  }
}

export function imageSizeOf(b: Buffer, format: SourceFormat): PixelSize | null {
  try {
    if (format === "png" && b.length >= 24 && b.toString("latin1", 12, 16) === "IHDR")
      return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
    if (format === "gif" && b.length >= 10)
      return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
    if (format === "webp") return webpSize(b);
    if (format === "jpg") return jpegSize(b);
  } catch {
    // a header cut short: no size known
  }
  return null;
}

function webpSize(b: Buffer): PixelSize | null {
  const chunk = b.toString("latin1", 12, 16);
  if (chunk === "VP8X") return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
  if (chunk === "VP8L") {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8 ")
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  return null;
}

function jpegSize(b: Buffer): PixelSize | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    i += 2 + b.readUInt16BE(i + 2);
  }
  return null;
}
