import { createMediaStore } from "../media/media-store";
import type { RenderMedia } from "../render/layout-timeline";
import type { Db } from "../store/open-database";

// The media facts a render needs, read through the media table's store and scoped to
// the session, so the render job carries everything it uses in its payload.

export function loadRenderMedia(
  db: Db,
  sessionId: string,
  ids: string[],
): Record<string, RenderMedia> {
  const out: Record<string, RenderMedia> = {};
  const store = createMediaStore(db);
  for (const id of new Set(ids)) {
    const r = store.get(sessionId, id);
    if (r) out[id] = { id: r.id, kind: r.kind, name: r.name, path: r.path, probe: r.probe };
  }
  return out;
}
