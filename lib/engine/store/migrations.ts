// Versioned schema for the embedded engine's SQLite file. Append new steps; never edit
// a step that has shipped. Each runs once, in a transaction, recorded in `migrations`.
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    id: 1,
    name: "init",
    sql: `
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,              -- sha256 of the bearer token; the token itself is never stored
        client_id TEXT NOT NULL,
        ip TEXT,
        credits_total INTEGER NOT NULL,
        credits_available INTEGER NOT NULL,
        credits_frozen INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE token_requests (ip TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX token_requests_ip ON token_requests(ip, at);

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        token_id TEXT NOT NULL,
        title TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT 'en',
        head INTEGER NOT NULL DEFAULT 0,  -- draft version the session is on (undo moves it back)
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_token ON sessions(token_id, updated_at);

      CREATE TABLE drafts (
        session_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        draft TEXT NOT NULL,
        label TEXT NOT NULL,              -- what changed, for undo/redo replies
        created_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, version)
      );

      CREATE TABLE media (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        path TEXT NOT NULL,
        hash TEXT NOT NULL,
        probe TEXT NOT NULL,              -- JSON: duration, width, height, fps, codecs, rotation...
        poster TEXT, filmstrip TEXT, peaks TEXT, proxy TEXT,
        proxy_status TEXT NOT NULL DEFAULT 'none',
        created_at INTEGER NOT NULL
      );
      CREATE INDEX media_session ON media(session_id, created_at);

      CREATE TABLE transcripts (
        media_id TEXT NOT NULL,
        engine TEXT NOT NULL,
        language TEXT NOT NULL,
        words TEXT NOT NULL,              -- JSON [{w,s,e}] in source ms
        created_at INTEGER NOT NULL,
        PRIMARY KEY (media_id, engine, language)
      );

      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        kind TEXT NOT NULL,               -- export | preview | proxy
        status TEXT NOT NULL,             -- pending | processing | completed | failed | cancelled
        progress REAL NOT NULL DEFAULT 0,
        eta REAL,
        preset TEXT,
        payload TEXT NOT NULL,            -- JSON, validated by the job's definition
        output TEXT,                      -- path of the finished file
        error TEXT,
        credits INTEGER NOT NULL DEFAULT 0, -- frozen while running, charged on success
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX jobs_session ON jobs(session_id, created_at);
      CREATE INDEX jobs_status ON jobs(status);

      CREATE TABLE shares (
        id TEXT PRIMARY KEY,              -- unguessable
        job_id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,
        role TEXT NOT NULL,               -- user | assistant
        content TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX messages_session ON messages(session_id, id);
    `,
  },
  {
    // BACKEND=nemo: what the cloud has no endpoint for (project list, uploaded media,
    // render ids). Shipped, so it stays; the nemo backend now keeps these in its own
    // nemo.sqlite (lib/server/backend/nemo/nemo-database.ts), copied from here once.
    id: 80,
    name: "nemo_cloud_records",
    sql: `
      CREATE TABLE nemo_projects (
        session_id TEXT PRIMARY KEY,      -- the cloud's session_id
        client_id TEXT NOT NULL,          -- the visitor (cookie UUID) who owns it here
        task_id TEXT,                     -- the cloud's task_id (registration ?bind=)
        title TEXT NOT NULL,
        draft_hash TEXT,                  -- sha256 of the last draft seen, to count versions
        version INTEGER NOT NULL DEFAULT 0,
        can_redo INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX nemo_projects_client ON nemo_projects(client_id, updated_at);

      CREATE TABLE nemo_media (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        url TEXT NOT NULL,                -- the cloud's cdn_url
        duration REAL NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        fps REAL NOT NULL,
        hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX nemo_media_session ON nemo_media(session_id, created_at);

      CREATE TABLE nemo_renders (
        id TEXT PRIMARY KEY,              -- render_<ts>, the cloud's render id
        session_id TEXT NOT NULL,
        preset TEXT NOT NULL,
        status TEXT NOT NULL,
        progress REAL NOT NULL DEFAULT 0,
        output_url TEXT,
        error TEXT,
        share_id TEXT UNIQUE,
        polls INTEGER NOT NULL DEFAULT 0,
        polled_at INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX nemo_renders_session ON nemo_renders(session_id, created_at);
    `,
  },
  {
    // Ingest: the sniffed source format (content type, proxy decisions) and whether the
    // background work (filmstrip, peaks) is still to do, so a restart can finish it.
    id: 30,
    name: "media format and background status",
    sql: `
      ALTER TABLE media ADD COLUMN format TEXT NOT NULL DEFAULT '';
      ALTER TABLE media ADD COLUMN extras_status TEXT NOT NULL DEFAULT 'done';
    `,
  },
  {
    // Captions: the engine's display name ("whisper.cpp (base.en)") kept with the cached
    // words, so a cached transcript still says which engine made it; a deleted media
    // item takes its transcripts with it.
    id: 60,
    name: "transcript engine label",
    sql: `
      ALTER TABLE transcripts ADD COLUMN label TEXT NOT NULL DEFAULT '';
      CREATE TRIGGER transcripts_media_deleted AFTER DELETE ON media
      BEGIN
        DELETE FROM transcripts WHERE media_id = OLD.id;
      END;
    `,
  },
  {
    // Renders: the token whose credits a job froze, so a restart can release them.
    id: 40,
    name: "jobs token and session index",
    sql: `
      ALTER TABLE jobs ADD COLUMN token_id TEXT;
      CREATE INDEX jobs_session_kind ON jobs(session_id, kind, created_at);
    `,
  },
  {
    // Agent: each turn's plan, so follow-ups ("actually make it 10 seconds") can rework
    // the last one, and which planner (rules or an LLM) made it.
    id: 50,
    name: "agent plans",
    sql: `
      CREATE TABLE plans (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,
        request TEXT NOT NULL,
        plan TEXT NOT NULL,               -- JSON, validated by planSchema on read
        planner TEXT NOT NULL,
        version INTEGER,                  -- draft version the turn committed, if any
        created_at INTEGER NOT NULL
      );
      CREATE INDEX plans_session ON plans(session_id, id);
    `,
  },
  {
    // Renders: which process runs a job ("host:pid"), so a second process on the same
    // data folder (the CLI, a worker) never fails a render that is still running.
    id: 41,
    name: "jobs runner",
    sql: `ALTER TABLE jobs ADD COLUMN runner TEXT;`,
  },
  {
    // Exports in object storage (STORAGE=s3): which of a job's files were stored, under
    // which key, so job views and downloads need no request to the storage.
    id: 90,
    name: "export objects",
    sql: `
      CREATE TABLE export_objects (
        job_id TEXT NOT NULL,
        name TEXT NOT NULL,               -- video.mp4, captions.srt, captions.vtt
        key TEXT NOT NULL,                -- exports/<sessionId>/<jobId>/<name>
        size INTEGER NOT NULL,
        PRIMARY KEY (job_id, name)
      );
    `,
  },
  {
    // Ingest: a video's poster is made in the background (no longer before the upload's
    // answer); "pending" until it is made or given up, so a restart can finish it.
    id: 100,
    name: "media poster status",
    sql: `ALTER TABLE media ADD COLUMN poster_status TEXT NOT NULL DEFAULT 'done';`,
  },
  {
    // Public use (issue 14): share links can be withdrawn and may expire; a revoked or
    // expired link answers 404 at once.
    id: 141,
    name: "share revoke and expiry",
    sql: `
      ALTER TABLE shares ADD COLUMN revoked_at INTEGER;
      ALTER TABLE shares ADD COLUMN expires_at INTEGER;
    `,
  },
  {
    // Analysis passes (the intro, the pauses) per media item: an hour-long source takes
    // minutes to read through, so a second request is answered from here. `params` holds
    // what the result depends on besides the file (thresholds, where speech starts).
    id: 127,
    name: "analysis results",
    sql: `
      CREATE TABLE analysis_results (
        media_id TEXT NOT NULL,
        kind TEXT NOT NULL,               -- intro | silences
        params TEXT NOT NULL,
        result TEXT NOT NULL,             -- JSON
        created_at INTEGER NOT NULL,
        PRIMARY KEY (media_id, kind, params)
      );
      CREATE TRIGGER analysis_results_media_deleted AFTER DELETE ON media
      BEGIN
        DELETE FROM analysis_results WHERE media_id = OLD.id;
      END;
    `,
  },
];
