import type { Intent } from "@/lib/plan/schema";
import type { IntentHandler } from "../turn";
import { answerCredits, answerState, sayPlanReply } from "./answer";
import { editTimeline } from "./edit";
import { undoOrRedo } from "./undo-redo";

/** One handler per intent the planner can return. */
export const INTENT_HANDLERS: Record<Intent, IntentHandler> = {
  credits: answerCredits,
  state: answerState,
  upload: sayPlanReply,
  clarify: sayPlanReply,
  undo: undoOrRedo,
  redo: undoOrRedo,
  edit: editTimeline,
  export: editTimeline,
};
