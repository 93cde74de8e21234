import "server-only";
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";

// A fetch-shaped request on node:http for the chat stream. Node's fetch (undici) ends a
// response body after 5 minutes without a byte (bodyTimeout); a NemoVideo turn may think
// longer than that between events and is allowed 15 minutes. Here the only limits are
// the caller's signal and the turn's own timeout.

const NO_BODY = new Set([101, 204, 205, 304]);

export function nodeStreamFetch(
  url: string,
  init: { method: string; headers: Headers; body?: string; signal: AbortSignal },
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const headers = Object.fromEntries(init.headers);
    headers["accept-encoding"] = "identity"; // no gzip: node:http would not undo it
    if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
    const req = (u.protocol === "https:" ? https : http).request(
      u,
      { method: init.method, headers, signal: init.signal },
      (res) => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
        const status = res.statusCode ?? 502;
        resolve(
          new Response(NO_BODY.has(status) ? null : bodyOf(res, init.signal), {
            status,
            headers: h,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

/** The response body; when the signal ends it, the error is the signal's reason (a TimeoutError says so). */
function bodyOf(res: http.IncomingMessage, signal: AbortSignal): ReadableStream<Uint8Array> {
  const reader = (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>).getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (err) {
        controller.error(signal.aborted ? signal.reason : err);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
