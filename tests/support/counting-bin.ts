import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

// Wrappers around ffmpeg / ffprobe that log each run's start and end, so a test can see
// how many ran side by side and whether a tool ran at all.

export interface CountingBins {
  ffmpegPath: string;
  ffprobePath: string;
  /** Every start ("+ffmpeg", "+ffprobe") and end ("-ffmpeg", ...) in order. */
  log(): string[];
  /** The most runs that were going at once. */
  maxConcurrent(): number;
}

export function countingBins(): CountingBins {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bins-"));
  const logFile = path.join(dir, "runs.log");
  fs.writeFileSync(logFile, "");
  const wrap = (name: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(
      file,
      `#!/bin/sh\necho +${name} >> '${logFile}'\n${name} "$@"\nrc=$?\necho -${name} >> '${logFile}'\nexit $rc\n`,
      { mode: 0o755 },
    );
    return file;
  };
  const log = () => fs.readFileSync(logFile, "utf8").split("\n").filter(Boolean);
  return {
    ffmpegPath: wrap("ffmpeg"),
    ffprobePath: wrap("ffprobe"),
    log,
    maxConcurrent() {
      let now = 0;
      let max = 0;
      for (const line of log()) {
        now += line.startsWith("+") ? 1 : -1;
        max = Math.max(max, now);
      }
      return max;
    },
  };
}

/**
 * A decompression bomb: a valid PNG whose header says width x height (1-bit grey, so
 * making it stays cheap: 16000x16000 is ~30 KB on disk, 256 megapixels once decoded).
 */
export function makePngBomb(width = 16000, height = 16000): string {
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "vso-bomb-")),
    `bomb-${width}x${height}.png`,
  );
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    td.copy(out, 4);
    out.writeUInt32BE(crc(td), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const row = Buffer.alloc(1 + Math.ceil(width / 8));
  const raw = Buffer.alloc(row.length * height); // all zero: filter 0, black pixels
  const idat = zlib.deflateSync(raw, { level: 9 });
  const png = Buffer.concat([
    Buffer.from("\x89PNG\r\n\x1a\n", "latin1"),
    chunk("IHDR", ihdr),
    chunk("IDAT", idat),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  fs.writeFileSync(file, png);
  return file;
}
