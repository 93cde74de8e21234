import { createParser } from "eventsource-parser";
import { AppError, errorFromBody } from "@/lib/errors";
import { chatEventSchema, type ChatEvent } from "@/lib/events/schema";

// The chat reply arrives as SSE on a POST, which EventSource cannot send, so we read
// fetch()'s body and let eventsource-parser cut it into events (never by hand).

export interface ChatStreamOptions {
  signal?: AbortSignal;
  /** Injected in tests; the browser's fetch otherwise. */
  fetchImpl?: typeof fetch;
}

/** Sends one message and yields the reply's events as they arrive. */
export async function* streamChat(
  message: string,
  opts: ChatStreamOptions = {},
): AsyncGenerator<ChatEvent> {
  const doFetch = opts.fetchImpl ?? fetch;
  let res: Response;
  try {
    res = await doFetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ message }),
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new AppError(
      "unavailable",
      "Can't reach the server. Check your connection and try again.",
      { cause: err },
    );
  }
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => "");
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    throw errorFromBody(body, res.status);
  }
  yield* readChatEvents(res.body);
}

/** Parses an SSE byte stream into validated chat events; unknown events are skipped. */
export async function* readChatEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ChatEvent> {
  const queue: ChatEvent[] = [];
  const parser = createParser({
    onEvent(msg) {
      if (!msg.data) return;
      let raw: unknown;
      try {
        raw = JSON.parse(msg.data);
      } catch {
        return; // keep-alive or a line we do not understand: not worth failing the reply
      }
      const parsed = chatEventSchema.safeParse(raw);
      if (parsed.success) queue.push(parsed.data);
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  // A stream that ends without `done` (or an `error`) was cut: say so rather than stop silently.
  let sawDone = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      while (queue.length) {
        const ev = queue.shift()!;
        if (ev.type === "done" || ev.type === "error") sawDone = true;
        yield ev;
      }
    }
    parser.feed(decoder.decode());
    parser.reset({ consume: true });
    while (queue.length) {
      const ev = queue.shift()!;
      if (ev.type === "done" || ev.type === "error") sawDone = true;
      yield ev;
    }
  } finally {
    reader.releaseLock();
  }
  if (!sawDone) {
    throw new AppError(
      "upstream",
      "The reply was cut off before it finished. Check the timeline, then ask again if something is missing.",
    );
  }
}
