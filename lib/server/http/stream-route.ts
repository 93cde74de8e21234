import "server-only";
import type { ChatEvent } from "@/lib/events/schema";
import crypto from "node:crypto";
import { AppError, type ErrorCode } from "@/lib/errors";
import { toAppError } from "./error-response";
import { publicMessage } from "./public-error";

// Server-sent events from an async iterable, one `data: <json>\n\n` per event, pulled
// only as fast as the client reads (never buffered). A failure after the first byte
// cannot change the HTTP status any more, so it goes out as an `error` event followed
// by `done`. A client that goes away cancels the iterator (and so the work behind it).

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  connection: "keep-alive",
} as const;

export function sseResponse(
  events: AsyncIterable<ChatEvent>,
  requestId: string = crypto.randomUUID(),
): Response {
  const it = events[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  // Error events, thrown or yielded by a backend, say a plain sentence (public-error.ts).
  const frame = (e: ChatEvent) => {
    const safe =
      e.type === "error"
        ? {
            ...e,
            message: publicMessage(new AppError(e.code as ErrorCode, e.message), requestId, "chat"),
          }
        : e;
    return encoder.encode(`data: ${JSON.stringify(safe)}\n\n`);
  };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(frame(value));
      } catch (err) {
        const e = toAppError(err);
        controller.enqueue(frame({ type: "error", code: e.code, message: e.message }));
        controller.enqueue(frame({ type: "done" }));
        controller.close();
      }
    },
    async cancel() {
      await it.return?.(undefined);
    },
  });
  return new Response(stream, { status: 200, headers: SSE_HEADERS });
}
