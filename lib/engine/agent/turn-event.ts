import type { ChatEvent } from "@/lib/events/schema";
import type { ExportRecord } from "../exports/export-record";

/**
 * What a turn yields: the chat stream's events, except that an export is the engine's
 * record (ids, not URLs); the local backend turns it into the wire's ExportJob.
 */
export type TurnEvent =
  Exclude<ChatEvent, { type: "export" }> | { type: "export"; job: ExportRecord };
