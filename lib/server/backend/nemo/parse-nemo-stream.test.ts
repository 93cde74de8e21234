import { describe, expect, it } from "vitest";
import { readNemoStream, type StreamItem } from "./parse-nemo-stream";

/** A body that delivers `text` in pieces of `size` characters, to cross event boundaries. */
function body(text: string, size = 7): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i >= text.length) return c.close();
      c.enqueue(enc.encode(text.slice(i, i + size)));
      i += size;
    },
  });
}

const sse = (...events: unknown[]) =>
  events.map((e) => `data: ${e === "" ? "" : JSON.stringify(e)}\n\n`).join("");

async function items(text: string, size?: number): Promise<StreamItem[]> {
  const out: StreamItem[] = [];
  for await (const it of readNemoStream(body(text, size))) out.push(it);
  return out;
}

const textOf = (xs: StreamItem[]) =>
  xs.flatMap((x) => (x.kind === "text" ? [x.text] : [])).join("");
const adk = (parts: unknown[], partial?: boolean, role = "model") => ({
  content: { role, parts },
  author: "nemo_agent",
  ...(partial === undefined ? {} : { partial }),
  invocationId: "i",
  id: "e",
  timestamp: 1,
});

describe("readNemoStream", () => {
  it("reads NemoVideo's type events", async () => {
    const xs = await items(
      sse(
        "",
        { type: "heartbeat" },
        { type: "tool_call", name: "trim_video", args: { a: 1 } },
        { type: "tool_result", name: "trim_video", result: { big: "json" } },
        { type: "text", content: "Trimmed the " },
        { type: "text", content: "intro." },
      ),
    );
    expect(xs.map((x) => x.kind)).toEqual([
      "heartbeat",
      "heartbeat",
      "tool_call",
      "tool_result",
      "text",
      "text",
    ]);
    expect(textOf(xs)).toBe("Trimmed the intro.");
    expect(JSON.stringify(xs)).not.toContain("big");
  });

  it.each([
    [
      "partials then a final repeating the text",
      [
        adk([{ text: "Hello " }], true),
        adk([{ text: "there." }], true),
        adk([{ text: "Hello there." }], false),
      ],
      "Hello there.",
    ],
    ["a final only", [adk([{ text: "All done." }], false)], "All done."],
    ["no partial flag at all", [adk([{ text: "One." }]), adk([{ text: " Two." }])], "One. Two."],
    [
      "a final longer than the partials",
      [adk([{ text: "Hi" }], true), adk([{ text: "Hi, more." }], false)],
      "Hi, more.",
    ],
    [
      "two rounds",
      [
        adk([{ text: "A" }], true),
        adk([{ text: "A" }], false),
        adk([{ text: "B" }], true),
        adk([{ text: "B" }], false),
      ],
      "AB",
    ],
    [
      "thoughts skipped",
      [adk([{ text: "thinking", thought: true }, { text: "Answer." }], false)],
      "Answer.",
    ],
  ])("ADK: %s shows each word once", async (_name, events, expected) => {
    expect(textOf(await items(sse(...events)))).toBe(expected);
  });

  it("ADK function calls and responses (role user) become tool items, never text", async () => {
    const xs = await items(
      sse(
        adk([{ functionCall: { id: "1", name: "add_captions", args: { lang: "en" } } }]),
        adk(
          [{ functionResponse: { id: "1", name: "add_captions", response: { ok: true } } }],
          false,
          "user",
        ),
      ),
    );
    expect(xs).toEqual([
      { kind: "tool_call", name: "add_captions" },
      { kind: "tool_result", name: "add_captions" },
    ]);
  });

  it.each([
    ['{"error":"model overloaded"}', { kind: "error", message: "model overloaded", code: null }],
    ['{"type":"error","message":"bad"}', { kind: "error", message: "bad", code: null }],
    ['{"code":2001,"message":"no credits"}', { kind: "error", message: "no credits", code: 2001 }],
  ])("errors: %s", async (data, expected) => {
    expect(await items(`data: ${data}\n\n`)).toEqual([expected]);
  });

  it("treats comments, empty data and heartbeat events as heartbeats; ignores junk", async () => {
    const xs = await items(
      ": ping\n\ndata:\n\nevent: heartbeat\ndata: {}\n\ndata: not json\n\n",
      3,
    );
    expect(xs).toEqual([{ kind: "heartbeat" }, { kind: "heartbeat" }, { kind: "heartbeat" }]);
  });

  it("yields items as they arrive, before the stream ends", async () => {
    const enc = new TextEncoder();
    let push!: (s: string) => void;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        push = (s) => c.enqueue(enc.encode(s));
      },
    });
    const it = readNemoStream(stream)[Symbol.asyncIterator]();
    push(sse({ type: "text", content: "first" }));
    expect(await it.next()).toEqual({ done: false, value: { kind: "text", text: "first" } });
    await it.return?.(undefined);
  });
});
