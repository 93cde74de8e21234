import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { receiveMultipart } from "./receive-multipart";
import { multipart } from "@/tests/support/engine/test-multipart";

const tooLarge = () => new AppError(4002, "This file is larger than the 1 MB limit.");

describe("receiveMultipart, stopping", () => {
  it("stops storing at a refused file but keeps reading the body, so the refusal can be answered", async () => {
    const body = multipart([
      { name: "big.mp4", bytes: Buffer.alloc(3 * 1024 * 1024, 1) },
      { name: "after.mp4", bytes: Buffer.alloc(1024, 2) },
    ]);
    const seen: string[] = [];
    await expect(
      receiveMultipart(body.stream, {
        contentType: body.contentType,
        onFile: async (name, stream) => {
          seen.push(name);
          for await (const _ of stream) throw tooLarge(); // refuse at the first chunk
          return name;
        },
      }),
    ).resolves.toEqual([
      { name: "big.mp4", ok: false, error: expect.objectContaining({ code: 4002 }) },
    ]);
    // Read to the end and dropped: the socket is not reset under the answer.
    await new Promise((resolve) => body.stream.once("end", resolve));
    expect(body.stream.destroyed || body.stream.readableEnded).toBe(true);
    expect(body.sent()).toBeGreaterThan(3 * 1024 * 1024);
    expect(seen).toEqual(["big.mp4"]); // the file after it was never stored
  });

  it("drops the body at once when the client went away", async () => {
    const controller = new AbortController();
    const body = multipart([{ name: "a.mp4", bytes: Buffer.alloc(1024 * 1024, 1) }]);
    const receiving = receiveMultipart(body.stream, {
      contentType: body.contentType,
      signal: controller.signal,
      onFile: async (_name, stream) => {
        controller.abort();
        for await (const _ of stream) void _;
        return "stored";
      },
    });
    await expect(receiving).rejects.toMatchObject({ code: "cancelled" });
    expect(body.stream.destroyed).toBe(true);
  });
});
