import type { ProbeInfo } from "../media/types";
import type { RenderMedia } from "../render/layout-timeline";
import type { Db } from "../store/open-database";

// The media facts a render needs, read straight from the `media` table and scoped to
// the session, so the render job carries everything it uses in its payload.

interface Row {
  id: string;
  kind: RenderMedia["kind"];
  name: string;
  path: string;
  probe: string;
}

export function loadRenderMedia(db: Db, sessionId: string, ids: string[]): Record<string, RenderMedia> {
  const out: Record<string, RenderMedia> = {};
  const stmt = db.prepare("SELECT id, kind, name, path, probe FROM media WHERE id = ? AND session_id = ?");
  for (const id of new Set(ids)) {
    const r = stmt.get(id, sessionId) as Row | undefined;
    if (r) out[id] = { id: r.id, kind: r.kind, name: r.name, path: r.path, probe: JSON.parse(r.probe) as ProbeInfo };
  }
  return out;
}
