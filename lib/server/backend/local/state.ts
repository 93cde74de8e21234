import "server-only";
import type { Engine } from "@/lib/engine/create-engine";
import { summarizeDraft } from "@/lib/draft/summarize-draft";
import type { SessionState } from "@/lib/state/schema";
import type { Backend, Caller } from "../types";
import { iso, toProject } from "./convert";
import { openEdit } from "@/lib/engine/drafts/edit-transaction";
import { storedAnalysis } from "@/lib/engine/transcript-edit/stored-analysis";
import { storedAnalysisDeps } from "./transcript";
import { newId } from "@/lib/engine/ids";

type StatePart = Pick<Backend, "state" | "undo" | "redo" | "applyOps">;

/** Collaborators the state view needs from the media and export parts. */
export interface StateSources {
  listMedia: Backend["listMedia"];
  listExports: Backend["listExports"];
  previewUrl(caller: Caller): Promise<string | null>;
}

export function localStatePart(engine: Engine, sources: StateSources): StatePart {
  async function view(caller: Caller): Promise<SessionState> {
    const { session } = engine.forCaller(caller.token, caller.sessionId);
    const current = engine.drafts.current(session.id);
    const [media, exports, previewUrl] = await Promise.all([
      sources.listMedia(caller),
      sources.listExports(caller),
      sources.previewUrl(caller),
    ]);
    return {
      project: toProject(session),
      draft: current.draft,
      version: current.version,
      canUndo: current.canUndo,
      canRedo: current.canRedo,
      summary: summarizeDraft(current.draft),
      media,
      exports,
      messages: engine.messages
        .list(session.id)
        .map((m) => ({ role: m.role, content: m.content, createdAt: iso(m.createdAt) })),
      previewUrl,
    };
  }

  const owned = (caller: Caller): string =>
    engine.forCaller(caller.token, caller.sessionId).sessionId;

  return {
    state: view,
    async applyOps(caller, ops) {
      const sessionId = owned(caller);
      const current = engine.drafts.current(sessionId);
      const media = engine.media.list(sessionId);
      // Only analysis made before (transcripts) or quick to make (loudness); the chat runs the rest.
      const analysis = await storedAnalysis(
        storedAnalysisDeps(engine),
        ops,
        current.draft,
        media,
        caller.signal,
      );
      const ctx = {
        media,
        analysis,
        newId: () => newId("seg", 6),
        limits: engine.config.workLimits,
      };
      // All ops or none: one version, so a single undo takes the whole request back.
      const edit = openEdit(engine.drafts, sessionId, { current });
      const { draft, results } = edit.apply(current.draft, ops, ctx);
      edit.commit(draft, results.map((r) => r.summary).join(" "));
      return view(caller);
    },
    async undo(caller) {
      engine.drafts.undo(owned(caller));
      return view(caller);
    },
    async redo(caller) {
      engine.drafts.redo(owned(caller));
      return view(caller);
    },
  };
}
