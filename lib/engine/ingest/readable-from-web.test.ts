import { describe, expect, it } from "vitest";
import { readableFromWeb } from "./readable-from-web";

const chunks = (n: number, size: number) =>
  Array.from({ length: n }, (_, i) => new Uint8Array(size).fill(i % 256));

describe("readableFromWeb", () => {
  it("passes every byte through in order", async () => {
    const parts = chunks(50, 70_000);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        parts.forEach((p) => c.enqueue(p));
        c.close();
      },
    });
    const out: Buffer[] = [];
    for await (const chunk of readableFromWeb(body)) out.push(chunk as Buffer);
    expect(Buffer.concat(out).equals(Buffer.concat(parts))).toBe(true);
  });

  it("turns a broken body into a stream error", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(10));
        c.error(new Error("socket hang up"));
      },
    });
    await expect(
      (async () => {
        for await (const _ of readableFromWeb(body)) void _;
      })(),
    ).rejects.toThrow(/socket hang up/);
  });

  it("cancels the body when destroyed", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array(1000));
      },
      cancel() {
        cancelled = true;
      },
    });
    const r = readableFromWeb(body, 4096);
    await new Promise((resolve) => r.once("data", resolve));
    r.destroy();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cancelled).toBe(true);
  });
});
