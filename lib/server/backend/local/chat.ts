import "server-only";
import type { Engine } from "@/lib/engine/create-engine";
import { agentDepsFromEngine } from "@/lib/engine/agent/agent-deps";
import { runTurn } from "@/lib/engine/agent/run-turn";
import { exportJobView, sharePageUrl } from "../../links";
import type { Backend } from "../types";

type ChatPart = Pick<Backend, "chat">;

// The chat stream on the embedded engine: the caller's token and session are checked,
// then one agent turn runs with the browser's AbortSignal (a closed tab stops the work;
// an export already started keeps running).
export function localChatPart(engine: Engine): ChatPart {
  const deps = agentDepsFromEngine(engine);
  return {
    async *chat(caller, message) {
      const { tokenId, session } = engine.forCaller(caller.token, caller.sessionId);
      engine.sessions.touch(session.id);
      const shareLink = (shareId: string) => sharePageUrl(shareId, caller.origin);
      for await (const event of runTurn(deps, {
        sessionId: session.id,
        tokenId,
        message,
        signal: caller.signal,
        shareLink,
      })) {
        // The engine's export carries ids; the stream carries the app's URLs.
        yield event.type === "export"
          ? { ...event, job: exportJobView(event.job, caller.origin) }
          : event;
      }
    },
  };
}
