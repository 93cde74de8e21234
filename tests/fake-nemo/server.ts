import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Busboy from "busboy";
import { execFileSync } from "node:child_process";
import { makeClip } from "../support/make-media";
import { applyWords, emptyFakeDraft, type FakeDraft, type FakeMedia } from "./fake-edits";
import { streamTurn, type TurnScript } from "./fake-stream";

// A fake NemoVideo server for tests, written from nemovideo-skill.md and
// PROTOCOL-NOTES.md: every documented endpoint, tokens/sessions/drafts/renders in
// memory, both SSE shapes with heartbeats and silent turns, real (tiny) MP4 renders it
// serves itself, and every documented failure on demand (failNext / POST /__control).
// Binds 127.0.0.1 only.

export type FailKind =
  "1001" | "1002" | "2001" | "4001" | "4002" | "402" | "429" | "400" | "500" | "hang" | "drop";

export interface RecordedCall {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body?: unknown;
}

interface Session {
  id: string;
  taskId: string;
  token: string;
  draft: FakeDraft;
  undo: FakeDraft[];
  redo: FakeDraft[];
  media: FakeMedia[];
}

interface Render {
  id: string;
  sessionId: string;
  polls: number;
  status: "pending" | "processing" | "completed" | "failed" | "cancelled";
  shape: "data" | "output";
}

export interface FakeNemoOptions {
  port?: number;
  /** Render status shape: "data" (data.outputUrl), "output" (status + output.url), or alternate. */
  renderShape?: "data" | "output" | "alternate";
  /** Default shape of chat turns. */
  shape?: "nemo" | "adk" | "alternate";
  maxUploadBytes?: number;
  /** Registered tokens the fake accepts (NEMO_TOKEN tests). */
  tokens?: string[];
}

const FAILS: Record<string, { status: number; body: unknown }> = {
  "1001": { status: 401, body: { code: 1001, message: "token invalid or expired" } },
  "1002": { status: 404, body: { code: 1002, message: "session not found" } },
  "2001": { status: 402, body: { code: 2001, message: "insufficient credits" } },
  "4001": { status: 400, body: { code: 4001, message: "unsupported file type" } },
  "4002": { status: 413, body: { code: 4002, message: "file too large" } },
  "402": { status: 402, body: { message: "free plan cannot export" } },
  "429": { status: 429, body: { message: "rate limited: 1 token per client per 7 days" } },
  "400": { status: 400, body: { message: "missing X-Client-Id" } },
  "500": { status: 500, body: { message: "internal error" } },
};

const ACCEPTED = /\.(mp4|mov|avi|webm|mkv|jpe?g|png|gif|webp|mp3|wav|m4a|aac)$/i;

export async function startFakeNemo(opts: FakeNemoOptions = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-nemo-"));
  const renderFile = makeClip({
    seconds: 2,
    width: 320,
    height: 240,
    name: "fake-nemo-render.mp4",
  });
  const tokens = new Set<string>(opts.tokens ?? []);
  const sessions = new Map<string, Session>();
  const renders = new Map<string, Render>();
  const files = new Map<string, string>();
  const calls: RecordedCall[] = [];
  const fails: { kind: FailKind; match: string; times: number }[] = [];
  const scripts: Partial<TurnScript>[] = [];
  const credits = { available: 100, frozen: 0 };
  let turns = 0;
  const seen = { uploadBytes: 0, streamsCutByClient: 0 };
  let renderCount = 0;
  let url = "";

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: http.OutgoingHttpHeaders = {},
  ) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  function takeFail(p: string): FailKind | null {
    const i = fails.findIndex((f) => p.includes(f.match));
    if (i < 0) return null;
    const f = fails[i];
    if (--f.times <= 0) fails.splice(i, 1);
    return f.kind;
  }

  function readJson(req: http.IncomingMessage): Promise<unknown> {
    return new Promise((resolve) => {
      let text = "";
      req.setEncoding("utf8");
      req.on("data", (c) => (text += c));
      req.on("end", () => {
        try {
          resolve(text ? JSON.parse(text) : {});
        } catch {
          resolve(undefined);
        }
      });
    });
  }

  function sessionOf(token: string, sid: string): Session | null {
    const s = sessions.get(sid);
    return s && s.token === token ? s : null;
  }

  function upload(
    req: http.IncomingMessage,
    s: Session,
  ): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve) => {
      const saved: { name: string; file: string; size: number }[] = [];
      let refused: { status: number; body: unknown } | null = null;
      const bb = Busboy({ headers: req.headers });
      bb.on("file", (_field, stream, info) => {
        const name = info.filename || "file";
        if (!ACCEPTED.test(name)) refused ??= FAILS["4001"];
        const file = path.join(dir, `${crypto.randomUUID()}-${name.replace(/[^\w.-]/g, "_")}`);
        const entry = { name, file, size: 0 };
        saved.push(entry);
        stream.on("data", (c: Buffer) => {
          entry.size += c.length;
          if (entry.size > (opts.maxUploadBytes ?? 500 * 1024 * 1024)) refused ??= FAILS["4002"];
        });
        stream.pipe(fs.createWriteStream(file));
      });
      bb.on("error", () => resolve({ status: 400, body: { message: "bad multipart body" } }));
      req.on("data", (c: Buffer) => (seen.uploadBytes += c.length));
      bb.on("close", () => {
        if (refused) return resolve(refused);
        if (!saved.length) return resolve({ status: 400, body: { message: "no files" } });
        setTimeout(() => {
          const out = saved.map((f) => addMedia(s, f.name, f.file));
          resolve({ status: 200, body: { code: 0, data: { files: out } } });
        }, 50); // let the write streams finish
      });
      req.pipe(bb);
    });
  }

  function addMedia(s: Session, name: string, file: string) {
    const id = `m${s.media.length + 1}_${crypto.randomBytes(3).toString("hex")}`;
    files.set(id, file);
    let info = { duration: 3, width: 0, height: 0, fps: 0 };
    try {
      const out = execFileSync(
        "ffprobe",
        ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        },
      );
      const json = JSON.parse(out) as {
        format: { duration?: string };
        streams: { codec_type: string; width?: number; height?: number; avg_frame_rate?: string }[];
      };
      const v = json.streams.find((x) => x.codec_type === "video");
      const [n, d] = (v?.avg_frame_rate ?? "0/1").split("/").map(Number);
      info = {
        duration: Number(json.format.duration ?? 0),
        width: v?.width ?? 0,
        height: v?.height ?? 0,
        fps: d ? Math.round(n / d) : 0,
      };
    } catch {
      // not media ffprobe can read: the numbers stay at their defaults
    }
    const kind = /\.(jpe?g|png|gif|webp)$/i.test(name)
      ? "image"
      : /\.(mp3|wav|m4a|aac)$/i.test(name)
        ? "audio"
        : "video";
    const cdnUrl = `${url}/cdn/media/${id}/${encodeURIComponent(name)}`;
    s.media.push({
      id,
      name,
      kind,
      cdnUrl,
      durationMs: Math.round(info.duration * 1000),
      width: info.width,
      height: info.height,
    });
    const hash = crypto.createHash("md5").update(file).digest("hex");
    return {
      cdn_url: cdnUrl,
      duration: info.duration,
      width: info.width,
      height: info.height,
      fps: info.fps,
      hash,
    };
  }

  function renderBody(r: Render) {
    const progress = r.status === "pending" ? 5 : r.status === "processing" ? 50 : 100;
    const out = r.status === "completed" ? `${url}/cdn/renders/${r.id}.mp4` : undefined;
    if (r.shape === "output")
      return { status: r.status, progress, ...(out ? { output: { url: out } } : {}) };
    return {
      success: true,
      data: { id: r.id, status: r.status, progress, ...(out ? { outputUrl: out } : {}) },
    };
  }

  function serveFile(req: http.IncomingMessage, res: http.ServerResponse, file: string): void {
    const size = fs.statSync(file).size;
    const m = /bytes=(\d*)-(\d*)/.exec(req.headers.range ?? "");
    const start = m && m[1] ? Number(m[1]) : 0;
    const end = m && m[2] ? Number(m[2]) : size - 1;
    res.writeHead(m ? 206 : 200, {
      "content-type": file.endsWith(".mp4") ? "video/mp4" : "application/octet-stream",
      "content-length": end - start + 1,
      "accept-ranges": "bytes",
      "access-control-allow-origin": "*", // a CDN: the studio's player loads from another origin
      ...(m ? { "content-range": `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    fs.createReadStream(file, { start, end }).pipe(res);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const u = new URL(req.url ?? "/", "http://x");
    const p = u.pathname;
    const method = req.method ?? "GET";

    if (p === "/__control" && method === "POST") {
      const body = (await readJson(req)) as {
        fail?: { kind: FailKind; match?: string; times?: number };
        turn?: Partial<TurnScript>;
        reset?: boolean;
      };
      if (body?.fail)
        fails.push({
          kind: body.fail.kind,
          match: body.fail.match ?? "/",
          times: body.fail.times ?? 1,
        });
      if (body?.turn) scripts.push(body.turn);
      return send(res, 200, { ok: true });
    }
    if (p === "/__control" && method === "GET")
      return send(res, 200, { runSse: count("/run_sse"), calls: calls.length });
    if (p.startsWith("/cdn/")) {
      const media = /^\/cdn\/media\/([^/]+)\//.exec(p);
      if (media && files.has(media[1])) return serveFile(req, res, files.get(media[1])!);
      if (/^\/cdn\/renders\/[\w-]+\.mp4$/.test(p)) {
        // Like a render bucket: a download when navigated to, still playable in <video>.
        res.setHeader("content-disposition", `attachment; filename="${p.split("/").pop()}"`);
        return serveFile(req, res, renderFile);
      }
      return send(res, 404, { message: "not found" });
    }

    const isJson = (req.headers["content-type"] ?? "").includes("application/json");
    const body = isJson ? await readJson(req) : undefined;
    calls.push({ method, path: p, headers: req.headers, body });

    const fail = takeFail(p);
    if (fail === "hang") return; // never answers; the socket closes when the client gives up
    if (fail === "drop") return void req.socket.destroy();
    if (fail)
      return send(
        res,
        FAILS[fail].status,
        FAILS[fail].body,
        fail === "429" ? { "retry-after": "30" } : {},
      );

    if (p === "/api/auth/anonymous-token" && method === "POST") {
      if (!req.headers["x-client-id"]) return send(res, 400, FAILS["400"].body);
      const token = `nmv_usr_${crypto.randomBytes(12).toString("hex")}`;
      tokens.add(token);
      return send(res, 200, { code: 0, data: { token, credits: 100 } });
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    if (!tokens.has(token)) return send(res, 401, FAILS["1001"].body);

    if (p === "/api/tasks/me/with-session/nemo_agent" && method === "POST") {
      const b = body as { task_name?: string; language?: string } | undefined;
      if (b?.task_name !== "project" || !b.language)
        return send(res, 400, { message: "task_name and language are required" });
      const s: Session = {
        id: `sess_${crypto.randomBytes(6).toString("hex")}`,
        taskId: `task_${crypto.randomBytes(4).toString("hex")}`,
        token,
        draft: emptyFakeDraft(),
        undo: [],
        redo: [],
        media: [],
      };
      sessions.set(s.id, s);
      return send(res, 200, { code: 0, data: { task_id: s.taskId, session_id: s.id } });
    }
    if (p === "/api/credits/balance/simple") {
      return send(res, 200, {
        code: 0,
        data: {
          available: credits.available,
          frozen: credits.frozen,
          total: credits.available + credits.frozen,
        },
      });
    }
    let m = /^\/api\/state\/nemo_agent\/me\/([^/]+)\/latest$/.exec(p);
    if (m) {
      const s = sessionOf(token, decodeURIComponent(m[1]));
      if (!s) return send(res, 404, FAILS["1002"].body);
      const videoInfos = s.media.map((x) => ({ url: x.cdnUrl, duration: x.durationMs / 1000 }));
      return send(res, 200, {
        code: 0,
        data: {
          state: {
            draft: s.draft,
            video_infos: videoInfos,
            canvas_config: {},
            video_analyses: [],
            generated_media: [],
          },
        },
      });
    }
    m = /^\/api\/upload-video\/nemo_agent\/me\/([^/]+)$/.exec(p);
    if (m && method === "POST") {
      const s = sessionOf(token, decodeURIComponent(m[1]));
      if (!s) return send(res, 404, FAILS["1002"].body);
      if (isJson) {
        const b = body as { urls?: string[]; source_type?: string };
        if (b?.source_type !== "url" || !Array.isArray(b.urls))
          return send(res, 400, { message: "urls and source_type required" });
        if (b.urls.some((x) => !ACCEPTED.test(new URL(x).pathname)))
          return send(res, 400, FAILS["4001"].body);
        const out = b.urls.map((x) => addMedia(s, path.basename(new URL(x).pathname), renderFile));
        return send(res, 200, { code: 0, data: { files: out } });
      }
      const r = await upload(req, s);
      return send(res, r.status, r.body);
    }
    if (p === "/run_sse" && method === "POST") {
      const b = body as {
        app_name?: string;
        user_id?: string;
        session_id?: string;
        new_message?: { role?: string; parts?: { text?: string }[] };
      };
      const text = b?.new_message?.parts?.[0]?.text;
      if (
        b?.app_name !== "nemo_agent" ||
        b.user_id !== "me" ||
        !b.session_id ||
        b.new_message?.role !== "user" ||
        !text
      ) {
        return send(res, 400, {
          message: "app_name, user_id, session_id and new_message are required",
        });
      }
      const s = sessionOf(token, b.session_id);
      if (!s) return send(res, 404, FAILS["1002"].body);
      const script = scripts.shift() ?? {};
      const shape =
        script.shape ??
        (opts.shape === "adk" || (opts.shape !== "nemo" && turns % 2 === 1) ? "adk" : "nemo");
      turns++;
      const done = edit(s, text);
      res.on("close", () => {
        if (!res.writableEnded) seen.streamsCutByClient++;
      });
      return streamTurn(req, res, { shape, done, message: text, ...script });
    }
    if (p === "/api/render/proxy/lambda" && method === "POST") {
      if (
        !req.headers["x-skill-source"] ||
        !req.headers["x-skill-version"] ||
        !req.headers["x-skill-platform"]
      ) {
        return send(res, 402, { message: "missing attribution headers" });
      }
      const b = body as {
        id?: string;
        sessionId?: string;
        draft?: unknown;
        output?: { format?: string };
      };
      if (
        !b?.id ||
        !/^render_\d+$/.test(b.id) ||
        !b.sessionId ||
        !b.draft ||
        b.output?.format !== "mp4"
      ) {
        return send(res, 400, { message: "id, sessionId, draft and output are required" });
      }
      if (!sessionOf(token, b.sessionId)) return send(res, 404, FAILS["1002"].body);
      const shape =
        opts.renderShape === "output"
          ? "output"
          : opts.renderShape === "data"
            ? "data"
            : renderCount % 2
              ? "output"
              : "data";
      renderCount++;
      renders.set(b.id, { id: b.id, sessionId: b.sessionId, polls: 0, status: "pending", shape });
      credits.available -= 5;
      credits.frozen += 5;
      return send(res, 200, { success: true, data: { id: b.id, status: "pending", progress: 5 } });
    }
    m = /^\/api\/render\/proxy\/lambda\/([^/]+)(\/cancel)?$/.exec(p);
    if (m) {
      const r = renders.get(decodeURIComponent(m[1]));
      if (!r || !sessionOf(token, r.sessionId))
        return send(res, 404, { success: false, message: "render not found" });
      if (m[2] && method === "POST") {
        if (r.status === "pending" || r.status === "processing") {
          r.status = "cancelled";
          credits.available += 5;
          credits.frozen -= 5;
        }
        return send(res, 200, { success: true, data: { id: r.id, status: r.status } });
      }
      r.polls++;
      if (r.status === "pending") r.status = "processing";
      else if (r.status === "processing" && r.polls >= 2) {
        r.status = "completed";
        credits.frozen -= 5;
      }
      return send(res, 200, renderBody(r));
    }
    return send(res, 404, { message: `no route ${method} ${p}` });
  }

  function edit(s: Session, text: string): string[] {
    const m = text.toLowerCase();
    if (/\bundo\b/.test(m)) {
      const prev = s.undo.pop();
      if (!prev) return [];
      s.redo.push(s.draft);
      s.draft = prev;
      return ["undid the last change"];
    }
    if (/\bredo\b/.test(m)) {
      const next = s.redo.pop();
      if (!next) return [];
      s.undo.push(s.draft);
      s.draft = next;
      return ["redid the change"];
    }
    const before = structuredClone(s.draft);
    const done = applyWords(s.draft, text, s.media);
    if (done.length) {
      s.undo.push(before);
      s.redo = [];
    }
    return done;
  }

  function count(prefix: string): number {
    return calls.filter((c) => c.path.startsWith(prefix)).length;
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, { message: String(err) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const addr = server.address() as { port: number };
  url = `http://127.0.0.1:${addr.port}`;

  return {
    url,
    calls,
    sessions,
    /** Upload bytes received so far, and chat streams the client closed before the end. */
    seen,
    credits,
    /** The next `times` requests whose path contains `match` fail with `kind`. */
    failNext(kind: FailKind, match = "/", times = 1) {
      fails.push({ kind, match, times });
    },
    /** How the next chat turn streams (shape, silence, heartbeats, errors). */
    scriptTurn(script: Partial<TurnScript>) {
      scripts.push(script);
    },
    count,
    session(id: string) {
      return sessions.get(id);
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeNemo = Awaited<ReturnType<typeof startFakeNemo>>;
