import type { Draft } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import { applyOps } from "../ops/apply-op";
import type { ApplyOp, OpContext, OpResult } from "../ops/types";
import type { DraftVersion } from "./draft-store";

// One edit of a timeline, whoever asks for it (a chat turn, POST /api/state/ops): the ops
// go through applyOps in order, all or none, and the result is committed as ONE draft
// version, so a single undo takes the whole edit back. A correction of the last edit
// ("actually make it 10 seconds") first steps back over the version it corrects; if the
// correction then fails, that version is put back.

/** The draft store as an edit uses it (the engine's drafts, or a test's fake). */
export interface EditDrafts {
  current(sessionId: string): DraftVersion;
  commit(sessionId: string, draft: Draft, label: string): DraftVersion;
  undo(sessionId: string): DraftVersion & { undone: string };
  redo(sessionId: string): DraftVersion & { redone: string };
}

export interface EditTransaction {
  /** The version the edit starts from: the current one, or the one before it for a correction. */
  readonly base: DraftVersion;
  /** Applies the ops in order; throws (nothing saved) when one of them cannot be done. */
  apply(draft: Draft, ops: Op[], ctx: OpContext): { draft: Draft; results: OpResult[] };
  /** Saves the edited draft as the next version. */
  commit(draft: Draft, label: string): DraftVersion;
  /** The edit failed: the version a correction stepped back over comes back. Does nothing after a commit. */
  abandon(): void;
}

export interface EditOptions {
  /** The current version when the caller has it already. */
  current?: DraftVersion;
  /** A correction: step back over the current version first (when there is one). */
  revise?: boolean;
  /** One op; the real applyOp unless a test wraps it. */
  applyOp?: ApplyOp;
}

export function openEdit(
  drafts: EditDrafts,
  sessionId: string,
  opts: EditOptions = {},
): EditTransaction {
  const current = opts.current ?? drafts.current(sessionId);
  const revising = opts.revise === true && current.version > 0;
  const base = revising ? drafts.undo(sessionId) : current;
  let committed = false;
  return {
    base,
    apply: (draft, ops, ctx) => applyOps(draft, ops, ctx, opts.applyOp),
    commit(draft, label) {
      const saved = drafts.commit(sessionId, draft, label);
      committed = true;
      return saved;
    },
    abandon() {
      if (!revising || committed) return;
      try {
        drafts.redo(sessionId);
      } catch {
        /* nothing to restore */
      }
    },
  };
}
