import type { Db } from "../store/open-database";
import type { MediaRecord, ProbeInfo } from "./types";

// Rows of the `media` table <-> MediaRecord. Every read is scoped by session id, so an
// id from another session is simply not there.

interface Row {
  id: string;
  session_id: string;
  kind: MediaRecord["kind"];
  name: string;
  size: number;
  path: string;
  hash: string;
  probe: string;
  poster: string | null;
  filmstrip: string | null;
  peaks: string | null;
  proxy: string | null;
  proxy_status: MediaRecord["proxyStatus"];
  created_at: number;
  format: string;
  extras_status: "pending" | "done";
  poster_status: "pending" | "done";
}

const toRecord = (r: Row): MediaRecord => ({
  id: r.id,
  sessionId: r.session_id,
  kind: r.kind,
  name: r.name,
  size: r.size,
  path: r.path,
  hash: r.hash,
  probe: JSON.parse(r.probe) as ProbeInfo,
  poster: r.poster,
  filmstrip: r.filmstrip,
  peaks: r.peaks,
  proxy: r.proxy,
  proxyStatus: r.proxy_status,
  createdAt: r.created_at,
  format: r.format,
  extrasStatus: r.extras_status,
  posterStatus: r.poster_status,
});

export type MediaStore = ReturnType<typeof createMediaStore>;

export function createMediaStore(db: Db) {
  return {
    insert(m: MediaRecord): void {
      db.prepare(
        `INSERT INTO media (id, session_id, kind, name, size, path, hash, probe, poster, filmstrip, peaks, proxy, proxy_status, created_at, format, extras_status, poster_status)
         VALUES (@id, @sessionId, @kind, @name, @size, @path, @hash, @probe, @poster, @filmstrip, @peaks, @proxy, @proxyStatus, @createdAt, @format, @extrasStatus, @posterStatus)`,
      ).run({
        ...m,
        probe: JSON.stringify(m.probe),
        format: m.format ?? "",
        extrasStatus: m.extrasStatus ?? "done",
        posterStatus: m.posterStatus ?? "done",
      });
    },
    list(sessionId: string): MediaRecord[] {
      return (
        db
          .prepare("SELECT * FROM media WHERE session_id = ? ORDER BY created_at, rowid")
          .all(sessionId) as Row[]
      ).map(toRecord);
    },
    get(sessionId: string, id: string): MediaRecord | null {
      const r = db
        .prepare("SELECT * FROM media WHERE id = ? AND session_id = ?")
        .get(id, sessionId) as Row | undefined;
      return r ? toRecord(r) : null;
    },
    /** Rows whose background work did not finish (the process stopped): to resume. */
    unfinished(): MediaRecord[] {
      return (
        db
          .prepare(
            "SELECT * FROM media WHERE extras_status = 'pending' OR proxy_status = 'pending' OR poster_status = 'pending' ORDER BY created_at",
          )
          .all() as Row[]
      ).map(toRecord);
    },
    setExtras(id: string, v: { filmstrip: string | null; peaks: string | null }): void {
      db.prepare(
        "UPDATE media SET filmstrip = ?, peaks = ?, extras_status = 'done' WHERE id = ?",
      ).run(v.filmstrip, v.peaks, id);
    },
    setPoster(id: string, file: string | null): void {
      db.prepare("UPDATE media SET poster = ?, poster_status = 'done' WHERE id = ?").run(file, id);
    },
    setProxy(id: string, status: MediaRecord["proxyStatus"], file: string | null): void {
      db.prepare("UPDATE media SET proxy_status = ?, proxy = ? WHERE id = ?").run(status, file, id);
    },
    delete(sessionId: string, id: string): boolean {
      return (
        db.prepare("DELETE FROM media WHERE id = ? AND session_id = ?").run(id, sessionId).changes >
        0
      );
    },
    /** Every item of a session (its project is being deleted); their transcripts go by trigger. */
    deleteSession(sessionId: string): void {
      db.prepare("DELETE FROM media WHERE session_id = ?").run(sessionId);
    },
    /** Bytes of the uploads of every project a token owns (its storage quota). */
    bytesOfToken(tokenId: string): number {
      return (
        db
          .prepare(
            "SELECT coalesce(sum(m.size), 0) AS n FROM media m JOIN sessions s ON s.id = m.session_id WHERE s.token_id = ?",
          )
          .get(tokenId) as { n: number }
      ).n;
    },
  };
}
