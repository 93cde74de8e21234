import "server-only";
import type { Engine } from "@/lib/engine/create-engine";
import type { Backend } from "../types";

type ChatPart = Pick<Backend, "chat">;

// Filled in by the editing-agent work (issue 5).
export function localChatPart(_engine: Engine): ChatPart {
  return {
    async *chat() {
      yield { type: "error", code: "unavailable", message: "The editing assistant is not available on this server yet." };
    },
  };
}
