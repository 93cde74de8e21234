import "server-only";
import type { Engine } from "@/lib/engine/create-engine";
import {
  applyUploadedCaptions,
  decodeSubtitleBytes,
} from "@/lib/engine/captions/uploaded-captions";
import type { Backend, Caller } from "../types";

// POST /api/captions on the local engine: the uploaded subtitle file becomes the
// captions track, as one undoable step; cues it could not use are named in the chat.

export function localCaptionsPart(
  engine: Engine,
  state: Backend["state"],
): Pick<Backend, "uploadCaptions"> {
  return {
    async uploadCaptions(caller: Caller, file) {
      const { session } = engine.forCaller(caller.token, caller.sessionId);
      const current = engine.drafts.current(session.id);
      const text = decodeSubtitleBytes(file.bytes);
      const { draft, label, note } = applyUploadedCaptions(
        current.draft,
        file.name,
        text,
        (i) => `upl${current.version + 1}_${i}`,
      );
      engine.drafts.commit(session.id, draft, label);
      // What was left out of the file goes in the chat, where the user reads replies.
      if (note) engine.messages.append(session.id, "assistant", note);
      return state(caller);
    },
  };
}
