import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { checkKey, checkRange, notStored, type ByteRange, type Storage } from "./storage";

// Storage on the local disk (or a shared mount) under one root folder. Writes go to a
// temp file renamed into place, so a reader never sees half a file.

export function createDiskStorage(root: string): Storage {
  const full = (key: string) => path.join(root, checkKey(key));

  async function write(key: string, fill: (tmp: string) => Promise<void>): Promise<void> {
    const dest = full(key);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.${process.pid}.${Date.now()}.part`;
    try {
      await fill(tmp);
      await fs.promises.rename(tmp, dest);
    } finally {
      await fs.promises.rm(tmp, { force: true });
    }
  }

  async function stat(key: string) {
    const file = full(key); // a bad key throws, it is not "missing"
    try {
      const s = await fs.promises.stat(file);
      return s.isFile() ? { size: s.size } : null;
    } catch {
      return null;
    }
  }

  return {
    kind: "disk",
    putFile: (key, file) => write(key, (tmp) => fs.promises.copyFile(file, tmp)),
    putStream: (key, stream: Readable) =>
      write(key, (tmp) => pipeline(stream, fs.createWriteStream(tmp))),
    async localPath(key) {
      if (!(await stat(key))) throw notStored(key);
      return full(key);
    },
    async read(key, range?: ByteRange) {
      const s = await stat(key);
      if (!s) throw notStored(key);
      checkRange(range, s.size);
      const stream = fs.createReadStream(
        full(key),
        range ? { start: range.start, end: range.end } : {},
      );
      return { stream, size: s.size, length: range ? range.end - range.start + 1 : s.size };
    },
    stat,
    async delete(key) {
      await fs.promises.rm(full(key), { force: true });
    },
    downloadUrl: async () => null,
    async deletePrefix(prefix) {
      const trimmed = prefix.replace(/\/+$/, "");
      await fs.promises.rm(full(trimmed), { recursive: true, force: true });
    },
  };
}
