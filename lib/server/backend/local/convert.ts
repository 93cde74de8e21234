import "server-only";
import type { SessionRow } from "@/lib/engine/sessions/sessions";
import type { Project } from "@/lib/state/schema";

export const iso = (ms: number) => new Date(ms).toISOString();

export function toProject(row: SessionRow): Project {
  return { id: row.id, title: row.title, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) };
}
