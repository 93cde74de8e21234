import fs from "node:fs";
import { createOffThreadHash } from "./hash-off-thread";

// sha256 of a file already on disk, on the hash worker (hash-off-thread.ts): a resumable
// upload that could not be hashed as it arrived (it resumed after a restart or a broken
// request) is hashed once its last byte is stored.
export async function hashFile(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createOffThreadHash();
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024, signal })) {
      const wait = hash.update(chunk as Buffer);
      if (wait) await wait;
    }
    return await hash.digest();
  } catch (err) {
    hash.drop();
    throw err;
  }
}
