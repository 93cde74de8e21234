import fs from "node:fs";

// Where an MP4's index (moov) goes. A player streaming the file needs it before the media
// data. `+faststart` gets there by writing the file, then rewriting all of it to move the
// index to the front: a second full copy (about 20 s for an hour at 1080p). With
// `-moov_size` ffmpeg keeps room at the front and writes the index there once. When the
// room is too small, ffmpeg 5.1 says so on stderr, still exits 0, and has written the index
// over the start of the media data; so its words and the file's boxes are checked, and the
// file written again the slow way.

/**
 * Bytes to keep free at the front for the index of `durationMs` of picture at `fps` and
 * 48 kHz AAC. Measured about 14 bytes per sample with picture and sound interleaved; this
 * allows 32 per picture frame and 24 per AAC frame.
 */
export function indexReserve(durationMs: number, fps: number): number {
  const seconds = durationMs / 1000;
  return Math.ceil(64 * 1024 + seconds * (fps * 32 + (48_000 / 1024) * 24));
}

/** The muxer arguments: `reserve` bytes kept for the index, or null: `+faststart`. */
export function indexArgs(reserve: number | null): string[] {
  return reserve !== null ? ["-moov_size", String(reserve)] : ["-movflags", "+faststart"];
}

/**
 * Runs `argsFor(index arguments)` with `reserve` bytes kept for the index; if it did not
 * fit, runs it again with `+faststart`. The output is `outputPath` either way.
 */
export async function muxIndexUpFront(
  argsFor: (index: string[]) => string[],
  outputPath: string,
  reserve: number,
  run: (args: string[]) => Promise<{ stderr: string }>,
): Promise<void> {
  const { stderr } = await run(argsFor(indexArgs(reserve)));
  if (!/reserved_moov_size|error writing trailer/i.test(stderr) && (await indexAtFront(outputPath)))
    return;
  await run(argsFor(indexArgs(null)));
}

const TOP_BOXES = new Set(["ftyp", "moov", "free", "skip", "wide", "mdat", "uuid", "udta"]);

/**
 * Whether an MP4's index (moov) comes before its media data, and its top-level boxes cover
 * the file exactly (an index written over the media data leaves a box that does not).
 */
export async function indexAtFront(file: string): Promise<boolean> {
  const fh = await fs.promises.open(file, "r");
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(16);
    let at = 0;
    let moov = false;
    let mdat = false;
    while (at < size) {
      if (at + 8 > size) return false;
      await fh.read(head, 0, 16, at);
      const type = head.toString("latin1", 4, 8);
      if (!TOP_BOXES.has(type)) return false;
      const short = head.readUInt32BE(0);
      const len = short === 1 ? Number(head.readBigUInt64BE(8)) : short === 0 ? size - at : short;
      if (len < 8 || at + len > size) return false;
      if (type === "moov") moov = !mdat;
      if (type === "mdat") mdat = true;
      at += len;
    }
    return moov && mdat;
  } finally {
    await fh.close();
  }
}
