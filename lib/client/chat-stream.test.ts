import { describe, expect, it } from "vitest";
import { readChatEvents, streamChat } from "./chat-stream";
import type { ChatEvent } from "@/lib/events/schema";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(enc.encode(ch));
      c.close();
    },
  });
}

async function collect(it: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const ev of it) out.push(ev);
  return out;
}

const line = (ev: unknown) => `data: ${JSON.stringify(ev)}\n\n`;

describe("readChatEvents", () => {
  it("yields events split across chunk boundaries in order", async () => {
    const whole =
      line({ type: "text", delta: "Hel" }) +
      line({ type: "text", delta: "lo" }) +
      line({ type: "done" });
    const chunks = [whole.slice(0, 7), whole.slice(7, 30), whole.slice(30)];
    const events = await collect(readChatEvents(streamOf(chunks)));
    expect(events).toEqual([
      { type: "text", delta: "Hel" },
      { type: "text", delta: "lo" },
      { type: "done" },
    ]);
  });

  it.each([
    ["comment keep-alive", ": ping\n\n"],
    ["empty data", "data:\n\n"],
    ["not JSON", "data: hello\n\n"],
    ["unknown event type", line({ type: "mystery", x: 1 })],
    ["bad step status", line({ type: "step", id: "a", label: "x", status: "weird" })],
  ])("skips %s", async (_name, junk) => {
    const events = await collect(readChatEvents(streamOf([junk, line({ type: "done" })])));
    expect(events).toEqual([{ type: "done" }]);
  });

  it("keeps a multi-byte character split between chunks", async () => {
    const bytes = new TextEncoder().encode(
      line({ type: "text", delta: "字幕 ok" }) + line({ type: "done" }),
    );
    const cut = bytes.indexOf(0xe5) + 1;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, cut));
        c.enqueue(bytes.slice(cut));
        c.close();
      },
    });
    const events = await collect(readChatEvents(stream));
    expect(events[0]).toEqual({ type: "text", delta: "字幕 ok" });
  });

  it("reports a stream cut before done", async () => {
    await expect(
      collect(readChatEvents(streamOf([line({ type: "text", delta: "Hi" })]))),
    ).rejects.toThrow(/cut off/);
  });

  it("accepts a stream that ends with an error event", async () => {
    const events = await collect(
      readChatEvents(streamOf([line({ type: "error", code: 2001, message: "No credits left." })])),
    );
    expect(events).toEqual([{ type: "error", code: 2001, message: "No credits left." }]);
  });
});

describe("streamChat", () => {
  it("turns an error response into the server's sentence", async () => {
    const fetchImpl = (async () =>
      new Response(
        JSON.stringify({
          error: { code: "validation", message: "Type what you would like to do." },
        }),
        {
          status: 422,
        },
      )) as typeof fetch;
    await expect(collect(streamChat("", { fetchImpl }))).rejects.toMatchObject({
      code: "validation",
      status: 422,
    });
  });

  it("posts the message as JSON and streams the answer", async () => {
    let sent: RequestInit | undefined;
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      sent = init;
      return new Response(
        streamOf([
          line({ type: "step", id: "s", label: "Working", status: "running" }),
          line({ type: "done" }),
        ]),
        {
          headers: { "content-type": "text/event-stream" },
        },
      );
    }) as unknown as typeof fetch;
    const events = await collect(streamChat("trim the intro", { fetchImpl }));
    expect(JSON.parse(String(sent?.body))).toEqual({ message: "trim the intro" });
    expect(events.map((e) => e.type)).toEqual(["step", "done"]);
  });

  it("says the server is unreachable when fetch fails", async () => {
    const fetchImpl = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch;
    await expect(collect(streamChat("hi", { fetchImpl }))).rejects.toMatchObject({
      code: "unavailable",
    });
  });
});
