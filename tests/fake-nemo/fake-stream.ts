import type http from "node:http";

// How the fake streams one /run_sse turn, in either documented shape:
//  - "nemo": {"type":"text","content"} / tool_call / tool_result / {"type":"heartbeat"}
//  - "adk":  ADK events: functionCall, functionResponse (role "user"), partial text chunks,
//            then a final non-partial event repeating the whole text; errors as {"error"}.
// Both send empty `data:` keep-alives. A silent turn edits but says nothing (as ~30% of
// the real service's turns do).

export interface TurnScript {
  shape: "nemo" | "adk";
  /** Say nothing (the edit still happens). */
  silent: boolean;
  /** Heartbeat events before the work, `heartbeatGapMs` apart. */
  heartbeats: number;
  heartbeatGapMs: number;
  /** Replace the reply text. */
  text: string;
  /** Send an error event after the first text. */
  errorMessage: string;
  /** A NemoVideo error code on that error event (e.g. 2001 when credits run out mid-turn). */
  errorCode: number;
  /** Destroy the connection after the first text chunk. */
  drop: boolean;
  /** Pause between chunks (to observe streaming). */
  chunkDelayMs: number;
  /** Content-Type of the stream (proxies sometimes change it). */
  contentType: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function chunks(text: string, size = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export function replyFor(message: string, done: string[]): string {
  if (!done.length)
    return 'I could not find anything to change. Try something like "trim the intro".';
  let text = `I ${done.join(", ")}.`;
  if (/export|download/i.test(message)) text += " Click Export to download your video.";
  return text;
}

export async function streamTurn(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  turn: Partial<TurnScript> & { shape: "nemo" | "adk"; done: string[]; message: string },
): Promise<void> {
  res.writeHead(200, {
    "content-type": turn.contentType ?? "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  let closed = false;
  res.on("close", () => (closed = true));
  const write = async (data: unknown) => {
    if (closed) return;
    res.write(`data: ${data === "" ? "" : JSON.stringify(data)}\n\n`);
    if (turn.chunkDelayMs) await sleep(turn.chunkDelayMs);
  };
  let n = 0;
  const adk = (parts: unknown[], extra: Record<string, unknown> = {}, role = "model") => ({
    content: { role, parts },
    author: "nemo_agent",
    partial: false,
    invocationId: "inv_1",
    id: `ev_${++n}`,
    timestamp: Date.now() / 1000,
    ...extra,
  });

  await write(""); // keep-alive
  for (let i = 0; i < (turn.heartbeats ?? 0); i++) {
    if (turn.shape === "nemo") await write({ type: "heartbeat" });
    else res.write(": keep-alive\n\ndata:\n\n");
    await sleep(turn.heartbeatGapMs ?? 10);
  }
  const args = { instruction: turn.message };
  if (turn.shape === "nemo") {
    await write({ type: "tool_call", name: "edit_timeline", args });
    await write({
      type: "tool_result",
      name: "edit_timeline",
      result: { ok: true, changes: turn.done },
    });
  } else {
    await write(adk([{ functionCall: { id: "fc_1", name: "edit_timeline", args } }]));
    await write(
      adk(
        [
          {
            functionResponse: {
              id: "fc_1",
              name: "edit_timeline",
              response: { ok: true, changes: turn.done },
            },
          },
        ],
        {},
        "user",
      ),
    );
  }
  if (!turn.silent) {
    const text = turn.text ?? replyFor(turn.message, turn.done);
    const pieces = chunks(text);
    for (const [i, piece] of pieces.entries()) {
      await write(
        turn.shape === "nemo"
          ? { type: "text", content: piece }
          : adk([{ text: piece }], { partial: true }),
      );
      if (i === 0 && turn.drop) {
        await sleep(50); // let what was written reach the client, then cut the line
        req.socket.destroy();
        return;
      }
      if (i === 0 && turn.errorMessage) {
        const code = turn.errorCode ? { code: turn.errorCode } : {};
        await write(
          turn.shape === "nemo"
            ? { type: "error", message: turn.errorMessage, ...code }
            : { error: turn.errorMessage, ...code },
        );
        res.end();
        return;
      }
    }
    if (turn.shape === "adk") await write(adk([{ text }]));
  }
  await write("");
  res.end();
}
