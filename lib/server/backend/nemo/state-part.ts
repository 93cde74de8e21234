import "server-only";
import { AppError, type ErrorCode } from "@/lib/errors";
import { summarizeDraft } from "@/lib/draft/summarize-draft";
import type { ChatEvent } from "@/lib/events/schema";
import type { SessionState } from "@/lib/state/schema";
import type { Backend, Caller } from "../types";
import { fetchState, iso, ownProject, toItem, toProject, type NemoContext } from "./nemo-context";
import { opsToWords } from "./ops-to-words";
import type { TurnOptions } from "./chat-part";

type StatePart = Pick<Backend, "state" | "undo" | "redo" | "applyOps">;

type Turn = (caller: Caller, message: string, opts: TurnOptions) => AsyncGenerator<ChatEvent>;

// The cloud has one state endpoint and no undo/redo/edit endpoints: those become plain
// requests to its agent (sent once, through /run_sse), then the fresh state is returned.

export function nemoStatePart(
  ctx: NemoContext,
  turn: Turn,
  listExports: Backend["listExports"],
): StatePart {
  async function view(caller: Caller): Promise<SessionState> {
    const project = ownProject(ctx, caller);
    const [cloud, exports] = await Promise.all([
      fetchState(ctx, caller, project),
      listExports(caller),
    ]);
    const version = ctx.store().noteDraft(caller.sessionId, JSON.stringify(cloud.draft));
    const row = ctx.store().project(caller.sessionId)!;
    const notes = cloud.notes.length ? ` (${cloud.notes.join(" ")})` : "";
    return {
      project: toProject(row),
      draft: cloud.draft,
      version,
      canUndo: version > 0,
      canRedo: row.canRedo,
      summary: summarizeDraft(cloud.draft) + notes,
      media: ctx.store().mediaList(caller.sessionId).map(toItem),
      exports,
      messages: ctx
        .store()
        .messages.list(caller.sessionId)
        .map((m) => ({ role: m.role, content: m.content, createdAt: iso(m.createdAt) })),
      previewUrl: null,
    };
  }

  /** Runs a turn to its end; the first error in it fails the request. */
  async function drain(caller: Caller, message: string): Promise<void> {
    for await (const ev of turn(caller, message, { actions: false, record: false })) {
      if (ev.type === "error") {
        // Not a thrown 1001: the state routes are `replay: "rerun"` (session-route.ts), so a
        // 1001 would run the request again and send the words to the agent a second time.
        if (ev.code === 1001) throw new AppError("upstream", ev.message, { status: 401 });
        throw new AppError(ev.code as ErrorCode, ev.message);
      }
    }
  }

  return {
    state: view,
    async applyOps(caller, ops) {
      const names = Object.fromEntries(
        ctx
          .store()
          .mediaList(caller.sessionId)
          .map((m) => [m.id, m.name]),
      );
      await drain(caller, opsToWords(ops, names));
      return view(caller);
    },
    async undo(caller) {
      await drain(caller, "Undo the last change.");
      ctx.store().setCanRedo(caller.sessionId, true);
      return view(caller);
    },
    async redo(caller) {
      await drain(caller, "Redo the change you just undid.");
      return view(caller);
    },
  };
}
