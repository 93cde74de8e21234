import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { createOffThreadHash } from "./hash-off-thread";

const sha = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

function bytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

async function feed(chunks: Uint8Array[]): Promise<string> {
  const h = createOffThreadHash();
  for (const c of chunks) await h.update(c);
  return h.digest();
}

describe("createOffThreadHash", () => {
  it.each([
    ["nothing", [] as number[]],
    ["one byte", [1]],
    ["small chunks", [100, 7, 65536, 3]],
    ["chunks across 1 MB slab edges", [1024 * 1024 - 5, 10, 1024 * 1024, 2 * 1024 * 1024 + 1]],
    ["more than the in-flight limit", Array.from({ length: 12 }, () => 1024 * 1024)],
  ])("matches crypto's sha256 for %s", async (_label, sizes) => {
    const chunks = sizes.map((n, i) => bytes(n, i));
    const all = Buffer.concat(chunks);
    expect(await feed(chunks)).toBe(sha(all));
  });

  it("keeps hashes of concurrent uploads apart", async () => {
    const a = [bytes(3 * 1024 * 1024, 1), bytes(10, 2)];
    const b = [bytes(5000, 3), bytes(2 * 1024 * 1024 + 3, 4)];
    const [ha, hb] = await Promise.all([feed(a), feed(b)]);
    expect(ha).toBe(sha(Buffer.concat(a)));
    expect(hb).toBe(sha(Buffer.concat(b)));
  });

  it("leaves the caller's chunk untouched (it is copied, not transferred)", async () => {
    const chunk = bytes(2 * 1024 * 1024, 9);
    const h = createOffThreadHash();
    await h.update(chunk);
    expect(chunk.byteLength).toBe(2 * 1024 * 1024);
    expect(chunk[12345]).toBe((12345 * 31 + 9) & 0xff);
    expect(await h.digest()).toBe(sha(chunk));
  });

  it("forgets a dropped hash without disturbing the next one", async () => {
    const dropped = createOffThreadHash();
    await dropped.update(bytes(1024 * 1024 + 1, 5));
    dropped.drop();
    const c = bytes(4096, 6);
    expect(await feed([c])).toBe(sha(c));
  });
});
