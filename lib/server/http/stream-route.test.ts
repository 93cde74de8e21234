import { createParser } from "eventsource-parser";
import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import type { ChatEvent } from "@/lib/events/schema";
import { sseResponse } from "./stream-route";

async function read(res: Response): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  const parser = createParser({ onEvent: (e) => out.push(JSON.parse(e.data)) });
  const text = await res.text();
  parser.feed(text);
  return out;
}

describe("sseResponse", () => {
  it("frames every event as one data line, with the streaming headers", async () => {
    async function* gen(): AsyncGenerator<ChatEvent> {
      yield { type: "text", delta: "Hello\nthere" };
      yield { type: "done" };
    }
    const res = sseResponse(gen());
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const raw = await res.clone().text();
    expect(raw).toBe('data: {"type":"text","delta":"Hello\\nthere"}\n\ndata: {"type":"done"}\n\n');
    expect(await read(res)).toEqual([{ type: "text", delta: "Hello\nthere" }, { type: "done" }]);
  });

  it.each([
    [
      "an AppError keeps its code and sentence",
      new AppError(2001, "You have no credits left."),
      2001,
      "You have no credits left.",
    ],
    [
      "anything else becomes a safe sentence",
      new Error("SQLITE_BUSY at line 3"),
      "internal",
      expect.stringMatching(
        /^Something went wrong on our side\. Please try again.*request id: req-1\.$/,
      ),
    ],
  ])(
    "sends a failure after the first byte as an error event: %s",
    async (_n, failure, code, message) => {
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      async function* gen(): AsyncGenerator<ChatEvent> {
        yield { type: "step", id: "plan", label: "Reading your request...", status: "running" };
        throw failure;
      }
      const events = await read(sseResponse(gen(), "req-1"));
      expect(events).toEqual([
        { type: "step", id: "plan", label: "Reading your request...", status: "running" },
        { type: "error", code, message },
        { type: "done" },
      ]);
      log.mockRestore();
    },
  );

  it("pulls events only as the client reads, and stops the work when the client goes away", async () => {
    let produced = 0;
    let stopped = false;
    async function* gen(): AsyncGenerator<ChatEvent> {
      try {
        for (;;) {
          produced++;
          yield { type: "heartbeat", elapsedMs: produced };
        }
      } finally {
        stopped = true;
      }
    }
    const reader = sseResponse(gen()).body!.getReader();
    await reader.read();
    await reader.read();
    expect(produced).toBeLessThanOrEqual(3); // never runs ahead of the reader
    await reader.cancel();
    expect(stopped).toBe(true);
  });
});
