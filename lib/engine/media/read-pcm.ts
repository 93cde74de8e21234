import fs from "node:fs";

/**
 * Calls `each` with every sample of a raw s16le file, read in 256 KB pieces so an hour
 * of sound never sits in memory. A sample split across two pieces is carried over.
 */
export async function forEachS16Sample(
  pcmFile: string,
  each: (sample: number) => void,
): Promise<void> {
  let carry: Buffer | null = null;
  for await (const chunk of fs.createReadStream(pcmFile, {
    highWaterMark: 256 * 1024,
  }) as AsyncIterable<Buffer>) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const usable = buf.length - (buf.length % 2);
    carry = usable < buf.length ? buf.subarray(usable) : null;
    for (let i = 0; i < usable; i += 2) each(buf.readInt16LE(i));
  }
}
