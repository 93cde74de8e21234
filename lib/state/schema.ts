import { z } from "zod";
import { draftSchema } from "@/lib/draft/schema";
import { mediaItemSchema } from "@/lib/media/schema";
import { exportJobSchema } from "@/lib/export/schema";
import { creditsSchema } from "@/lib/credits/schema";

// What the studio loads for a session, from either backend.
export const projectSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const chatMessageSchema = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  createdAt: z.string(),
});

export const sessionStateSchema = z.object({
  project: projectSchema,
  draft: draftSchema,
  version: z.number().int(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  summary: z.string(),
  media: z.array(mediaItemSchema),
  exports: z.array(exportJobSchema),
  messages: z.array(chatMessageSchema),
  /** Latest preview render for the player, if any. */
  previewUrl: z.string().nullable().default(null),
});

export const connectResultSchema = z.object({
  backend: z.enum(["local", "nemo"]),
  project: projectSchema,
  credits: creditsSchema,
  /** Set when the session had to be replaced (1001/1002), to tell the user why. */
  notice: z.string().nullable().default(null),
});

export type Project = z.infer<typeof projectSchema>;
export type ChatMessageView = z.infer<typeof chatMessageSchema>;
export type SessionState = z.infer<typeof sessionStateSchema>;
export type ConnectResult = z.infer<typeof connectResultSchema>;
