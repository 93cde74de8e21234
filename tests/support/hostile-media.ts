import fs from "node:fs";
import path from "node:path";
import { makeClip, mediaDir } from "./make-media";

/**
 * A 1-second MP4 whose header claims an hour: the movie and media headers (mvhd, mdhd)
 * are rewritten, the packets are left as they are. ffprobe's format duration believes
 * the header.
 */
export function makeLyingClip(claimSeconds = 3600): string {
  const file = path.join(mediaDir(), `liar-${claimSeconds}.mp4`);
  if (fs.existsSync(file)) return file;
  const b = Buffer.from(fs.readFileSync(makeClip({ seconds: 1, width: 160, height: 120 })));
  for (const tag of ["mvhd", "mdhd"]) {
    for (let i = b.indexOf(tag); i >= 0; i = b.indexOf(tag, i + 4)) {
      if (b[i + 4] !== 0) continue; // version 1 boxes have 64-bit fields; ffmpeg writes version 0
      const timescale = b.readUInt32BE(i + 16);
      b.writeUInt32BE(timescale * claimSeconds, i + 20);
    }
  }
  fs.writeFileSync(file, b);
  return file;
}
