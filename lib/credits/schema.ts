import { z } from "zod";

// As the cloud's `/api/credits/balance/simple`: what can be spent, what running exports
// hold back, and the total. `enabled: false` when the operator turned credits off.
export const creditsSchema = z.object({
  available: z.number(),
  frozen: z.number(),
  total: z.number(),
  enabled: z.boolean().default(true),
  /** Registration link for anonymous cloud users (2001 path). */
  registerUrl: z.string().nullable().default(null),
});
export type Credits = z.infer<typeof creditsSchema>;
