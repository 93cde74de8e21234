import "server-only";
import { createParser, type EventSourceMessage } from "eventsource-parser";

// Reads NemoVideo's /run_sse answer as it arrives and turns both documented `data:`
// shapes into one small vocabulary:
//  - NemoVideo's own: {"type":"text","content"}, {"type":"tool_call"}, {"type":"tool_result"}, {"type":"heartbeat"}
//  - Google ADK event JSON: {"content":{"parts":[{text}|{functionCall}|{functionResponse}]},"partial":bool}
//    ADK streams partial chunks, then repeats the whole text in a final non-partial event:
//    only what was not shown yet goes out, so the user never reads the reply twice.
// Empty `data:` lines and comments are keep-alives (heartbeats). There is no end event:
// the stream closing is the end.

export type StreamItem =
  | { kind: "text"; text: string }
  | { kind: "tool_call"; name: string }
  | { kind: "tool_result"; name: string }
  | { kind: "heartbeat" }
  | { kind: "error"; message: string; code: number | null };

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** Stateful: one per stream, because ADK's partial/final de-duplication spans events. */
export function createStreamDecoder() {
  let partialText = "";

  function adk(ev: Json): StreamItem[] {
    const content = ev.content as { role?: string; parts?: unknown[] } | undefined;
    if (!content || !Array.isArray(content.parts)) return [];
    // ADK sends function responses with role "user"; text under that role is the user's own.
    const fromUser = content.role === "user";
    const partial = ev.partial === true;
    const out: StreamItem[] = [];
    let text = "";
    for (const raw of content.parts) {
      const part = (raw ?? {}) as Json;
      if (part.thought === true) continue; // model reasoning, not the reply
      if (typeof part.text === "string" && !fromUser) text += part.text;
      const call = (part.functionCall ?? part.function_call) as Json | undefined;
      if (call) out.push({ kind: "tool_call", name: str(call.name) ?? "tool" });
      const resp = (part.functionResponse ?? part.function_response) as Json | undefined;
      if (resp) out.push({ kind: "tool_result", name: str(resp.name) ?? "tool" });
    }
    if (text) {
      if (partial) {
        partialText += text;
        out.unshift({ kind: "text", text });
      } else {
        // The final event repeats everything the partial chunks already showed.
        const shown = partialText;
        partialText = "";
        if (!shown) out.unshift({ kind: "text", text });
        else if (text.startsWith(shown) && text.length > shown.length)
          out.unshift({ kind: "text", text: text.slice(shown.length) });
      }
    } else if (!partial && out.length) {
      partialText = "";
    }
    return out;
  }

  function nemo(ev: Json): StreamItem[] {
    switch (ev.type) {
      case "text":
      case "message": {
        const text = str(ev.content) ?? str(ev.text) ?? str(ev.delta) ?? "";
        return text ? [{ kind: "text", text }] : [];
      }
      case "tool_call":
        return [{ kind: "tool_call", name: str(ev.name) ?? "tool" }];
      case "tool_result":
        return [{ kind: "tool_result", name: str(ev.name) ?? "tool" }];
      case "heartbeat":
      case "ping":
        return [{ kind: "heartbeat" }];
      case "error":
        return [
          {
            kind: "error",
            message: str(ev.message) ?? str(ev.content) ?? str(ev.error) ?? "",
            code: codeOf(ev),
          },
        ];
      default:
        return [];
    }
  }

  /** One SSE message -> zero or more items. */
  function decode(msg: EventSourceMessage): StreamItem[] {
    const data = msg.data.trim();
    if (!data || msg.event === "heartbeat" || msg.event === "ping") return [{ kind: "heartbeat" }];
    let ev: unknown;
    try {
      ev = JSON.parse(data);
    } catch {
      return []; // not JSON: nothing we can show safely
    }
    if (!ev || typeof ev !== "object" || Array.isArray(ev)) return [];
    const obj = ev as Json;
    if (typeof obj.type === "string") return nemo(obj);
    if ("error" in obj && obj.error) {
      const e = obj.error;
      const message = str(e) ?? str((e as Json).message) ?? "";
      return [{ kind: "error", message, code: codeOf(obj) ?? codeOf(e as Json) }];
    }
    if (codeOf(obj) !== null && !obj.content)
      return [{ kind: "error", message: str(obj.message) ?? "", code: codeOf(obj) }];
    return adk(obj);
  }

  return { decode };
}

function codeOf(ev: Json | null | undefined): number | null {
  const c = ev?.code ?? ev?.error_code;
  const n = typeof c === "string" && /^\d+$/.test(c) ? Number(c) : c;
  return typeof n === "number" && n !== 0 ? n : null;
}

/** Items from a streaming body as they arrive; comments count as heartbeats. */
export async function* readNemoStream(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<StreamItem> {
  const decoder = createStreamDecoder();
  const queue: StreamItem[] = [];
  const parser = createParser({
    onEvent: (msg) => queue.push(...decoder.decode(msg)),
    onComment: () => queue.push({ kind: "heartbeat" }),
  });
  const reader = body.getReader();
  const text = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(text.decode(value, { stream: true }));
      while (queue.length) yield queue.shift()!;
    }
    parser.feed(text.decode());
    parser.reset({ consume: true });
    while (queue.length) yield queue.shift()!;
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}
