import { z } from "zod";
import { draftSchema } from "@/lib/draft/schema";
import { exportJobSchema } from "@/lib/export/schema";
import { creditsSchema } from "@/lib/credits/schema";
import { planSchema } from "@/lib/plan/schema";

// Events on the chat stream (SSE `data:` lines), the same from both backends.
export const chatEventSchema = z.discriminatedUnion("type", [
  /** A piece of the assistant's reply, to append. */
  z.object({ type: z.literal("text"), delta: z.string() }),
  /** A step of work, shown compactly: "Detecting the intro...". */
  z.object({
    type: z.literal("step"),
    id: z.string(),
    label: z.string(),
    status: z.enum(["running", "done", "failed"]),
    /** Long analysis (an hour of speech): how far it is and the time left, repeated as it moves. */
    progress: z
      .object({ ratio: z.number().min(0).max(1), etaSeconds: z.number().min(0).nullable() })
      .optional(),
  }),
  /** The plan the planner made (for the curious and for tests). */
  z.object({ type: z.literal("plan"), plan: planSchema, planner: z.string() }),
  /** The timeline changed. */
  z.object({
    type: z.literal("draft"),
    draft: draftSchema,
    summary: z.string(),
    version: z.number().int(),
  }),
  /** An export started or moved on. */
  z.object({ type: z.literal("export"), job: exportJobSchema }),
  z.object({ type: z.literal("credits"), credits: creditsSchema }),
  /** Long work is still going; the UI shows "Still working..." */
  z.object({ type: z.literal("heartbeat"), elapsedMs: z.number() }),
  /** "How to do this by hand" for the teaching part of the reply. */
  z.object({ type: z.literal("tip"), text: z.string() }),
  z.object({
    type: z.literal("error"),
    code: z.union([z.number(), z.string()]),
    message: z.string(),
  }),
  z.object({ type: z.literal("done") }),
]);

export type ChatEvent = z.infer<typeof chatEventSchema>;

export const chatRequestSchema = z.object({
  message: z.string().trim().min(1, "Type what you would like to do.").max(4000),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;
