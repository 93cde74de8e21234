// Load benchmark: `flock /tmp/vso-heavy.lock npx tsx bench/load.ts` after `npx next build`.
// A production server (scripts/server.mjs, loopback only, BENCH_LOAD_PORT or 3160, its own
// temporary DATA_DIR) under three runs, each bounded and self-stopping:
//   A. baseline: BENCH_VISITORS (20) visitors at once, each: connect, upload a 1 s clip,
//      three chat requests, one preview, one export (waited for);
//   B. the same with one hostile visitor who queues 10 previews and 10 exports meanwhile;
//   C. crash: the visitors start their exports, the server is killed with SIGKILL while
//      renders run, restarted on the same data, and every job must settle.
// Printed: requests, 5xx answers, p50/p95 time to the first chat event, each visitor's
// export wait in B against A (fairness), jobs lost, the server's peak RSS (VmHWM), and
// after the crash: jobs settled, orphaned files, credits double-charged or left frozen.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const PORT = Number(process.env.BENCH_LOAD_PORT ?? 3160);
const VISITORS = Number(process.env.BENCH_VISITORS ?? 20);
const FREE = 100;
const COST = 5;
const BASE = `http://127.0.0.1:${PORT}`;
const root = path.resolve(__dirname, "..");
const deadline = setTimeout(() => {
  console.error("bench/load.ts: 15 minutes passed, stopping.");
  stopServer();
  process.exit(2);
}, 15 * 60_000);
deadline.unref();

// ---- the clip: 1 s, 160x120, H.264/AAC (~20 KB)
const work = fs.mkdtempSync(path.join(os.tmpdir(), "vso-load-"));
const clip = path.join(work, "clip.mp4");
execFileSync("ffmpeg", [
  "-v",
  "error",
  "-y",
  "-f",
  "lavfi",
  "-i",
  "testsrc2=s=160x120:r=25:d=1",
  "-f",
  "lavfi",
  "-i",
  "sine=d=1",
  "-c:v",
  "libx264",
  "-preset",
  "ultrafast",
  "-pix_fmt",
  "yuv420p",
  "-c:a",
  "aac",
  "-shortest",
  clip,
]);
const clipBytes = fs.readFileSync(clip);

// ---- the server
let server: ChildProcess | null = null;
function startServer(dataDir: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SESSION_PASSWORD: "bench-password-bench-password-bench-password",
    TOKEN_RATE_LIMIT: "1000", // every visitor comes from 127.0.0.1 here
    FREE_CREDITS: String(FREE),
    EXPORT_CREDITS: String(COST),
    TRANSCRIBER: "none",
    BACKEND: "local",
  };
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server = child;
  child.stderr!.on("data", (d) => fs.appendFileSync(path.join(work, "server.log"), d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start in 60 s")), 60_000);
    child.stdout!.on("data", (d) => {
      fs.appendFileSync(path.join(work, "server.log"), d);
      if (String(d).includes("is ready")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`the server exited (${code}); see ${work}/server.log`)),
    );
  });
}
function stopServer(signal: NodeJS.Signals = "SIGTERM"): void {
  if (server && server.exitCode === null) server.kill(signal);
}
const peakRssMb = (child: ChildProcess) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
};
const exited = (child: ChildProcess) =>
  new Promise<void>((r) =>
    child.exitCode !== null || child.signalCode ? r() : child.once("exit", () => r()),
  );

// ---- a visitor: cookies, counted requests
interface Counts {
  requests: number;
  fivexx: number;
  firstEventMs: number[];
}
class Visitor {
  cookie = "";
  constructor(readonly counts: Counts) {}
  async call(p: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("cookie", this.cookie);
    this.counts.requests++;
    const res = await fetch(`${BASE}${p}`, { ...init, headers });
    if (res.status >= 500) this.counts.fivexx++;
    const set = res.headers.getSetCookie();
    if (set.length) this.cookie = set.map((c) => c.split(";")[0]).join("; ");
    return res;
  }
  async json<T>(
    p: string,
    init: RequestInit & { body?: string } = {},
  ): Promise<{ status: number; body: T }> {
    const res = await this.call(p, {
      ...init,
      headers: { "content-type": "application/json", ...(init.headers ?? {}) },
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  }
  async connect(): Promise<void> {
    await this.json("/api/session", { method: "POST" });
  }
  async upload(): Promise<void> {
    const form = new FormData();
    form.append("files", new Blob([clipBytes], { type: "video/mp4" }), "clip.mp4");
    const res = await this.call("/api/upload", { method: "POST", body: form });
    await res.text();
  }
  async chat(message: string): Promise<void> {
    const t0 = performance.now();
    const res = await this.call("/api/chat", {
      method: "POST",
      body: JSON.stringify({ message }),
      headers: { "content-type": "application/json" },
    });
    if (!res.body) return;
    let first = false;
    const reader = res.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (!first && value && new TextDecoder().decode(value).includes("data:")) {
        first = true;
        this.counts.firstEventMs.push(performance.now() - t0);
      }
    }
  }
  async startExport(preview: boolean): Promise<{ status: number; id: string | null }> {
    const r = await this.json<{ id?: string }>("/api/exports", {
      method: "POST",
      body: JSON.stringify({ preset: "youtube", preview }),
    });
    return { status: r.status, id: r.status === 202 ? (r.body?.id ?? null) : null };
  }
  async waitExport(id: string, limitMs = 600_000): Promise<string> {
    const t0 = Date.now();
    while (Date.now() - t0 < limitMs) {
      const r = await this.json<{ status: string }>(`/api/exports/${id}`);
      if (r.body && !["pending", "processing"].includes(r.body.status)) return r.body.status;
      await new Promise((res) => setTimeout(res, 250));
    }
    return "timeout";
  }
}

const CHATS = ["make it black and white", "add a title Summer trip", "show me the timeline"];

async function ordinary(counts: Counts): Promise<{ waitMs: number; status: string }> {
  const v = new Visitor(counts);
  await v.connect();
  await v.upload();
  for (const m of CHATS) await v.chat(m);
  await v.startExport(true);
  const t0 = performance.now();
  const { id } = await v.startExport(false);
  const status = id ? await v.waitExport(id) : "refused";
  return { waitMs: performance.now() - t0, status };
}

async function hostile(counts: Counts): Promise<{ accepted: number; refused: number }> {
  const v = new Visitor(counts);
  await v.connect();
  await v.upload();
  await v.chat("make it black and white");
  let accepted = 0;
  let refused = 0;
  const all = await Promise.all(Array.from({ length: 20 }, (_, i) => v.startExport(i % 2 === 0)));
  for (const r of all) {
    if (r.status === 202) accepted++;
    else refused++;
  }
  return { accepted, refused };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function run(label: string, withHostile: boolean) {
  const dataDir = fs.mkdtempSync(path.join(work, `${label}-`));
  const child = await startServer(dataDir);
  const counts: Counts = { requests: 0, fivexx: 0, firstEventMs: [] };
  const t0 = performance.now();
  const [results, bad] = await Promise.all([
    Promise.all(Array.from({ length: VISITORS }, () => ordinary(counts))),
    withHostile ? hostile(counts) : Promise.resolve(null),
  ]);
  const wall = performance.now() - t0;
  const rss = peakRssMb(child);
  stopServer();
  await exited(child);
  const lost = results.filter((r) => r.status !== "completed").length;
  return { label, results, bad, counts, wall, rss, lost, dataDir };
}

function unfinished(dataDir: string): number {
  const db = new Database(path.join(dataDir, "vso.sqlite"), { readonly: true });
  try {
    return (
      db
        .prepare("SELECT count(*) AS n FROM jobs WHERE status IN ('pending', 'processing')")
        .get() as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

async function crash() {
  const dataDir = fs.mkdtempSync(path.join(work, "crash-"));
  let child = await startServer(dataDir);
  const counts: Counts = { requests: 0, fivexx: 0, firstEventMs: [] };
  const visitors = Array.from({ length: VISITORS }, () => new Visitor(counts));
  await Promise.all(
    visitors.map(
      async (v) => (await v.connect(), await v.upload(), await v.chat("make it black and white")),
    ),
  );
  const started = await Promise.all(visitors.map((v) => v.startExport(false)));
  const accepted = started.filter((s) => s.id).map((s) => s.id!);
  // Kill while renders run: some done, one rendering, the rest waiting.
  const t0 = Date.now();
  for (;;) {
    const db = new Database(path.join(dataDir, "vso.sqlite"), { readonly: true });
    const done = (
      db
        .prepare("SELECT count(*) AS n FROM jobs WHERE kind = 'export' AND status = 'completed'")
        .get() as { n: number }
    ).n;
    db.close();
    if (done >= 2 || Date.now() - t0 > 60_000) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const rssBefore = peakRssMb(child);
  stopServer("SIGKILL");
  await exited(child);
  const killedAt = Date.now();
  child = await startServer(dataDir);
  while (unfinished(dataDir) > 0 && Date.now() - killedAt < 300_000)
    await new Promise((r) => setTimeout(r, 500));
  const settleMs = Date.now() - killedAt;
  const rssAfter = peakRssMb(child);
  stopServer();
  await exited(child);

  const db = new Database(path.join(dataDir, "vso.sqlite"), { readonly: true });
  const jobs = db
    .prepare(
      "SELECT id, session_id AS sessionId, token_id AS tokenId, kind, status, error FROM jobs",
    )
    .all() as {
    id: string;
    sessionId: string;
    tokenId: string;
    kind: string;
    status: string;
    error: string | null;
  }[];
  const tokens = db
    .prepare(
      "SELECT id, credits_total AS total, credits_available AS available, credits_frozen AS frozen FROM tokens",
    )
    .all() as {
    id: string;
    total: number;
    available: number;
    frozen: number;
  }[];
  const media = new Set(
    (db.prepare("SELECT id FROM media").all() as { id: string }[]).map((m) => m.id),
  );
  db.close();
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const lost = accepted.filter(
    (id) => !byId.has(id) || ["pending", "processing"].includes(byId.get(id)!.status),
  ).length;
  const exportsOf = accepted
    .map((id) => byId.get(id))
    .filter((j): j is NonNullable<typeof j> => Boolean(j));
  const completed = exportsOf.filter((j) => j.status === "completed").length;
  const failedWithReason = exportsOf.filter((j) => j.status === "failed" && j.error).length;
  let doubleCharged = 0;
  let stillFrozen = 0;
  for (const t of tokens) {
    const done = jobs.filter(
      (j) => j.tokenId === t.id && j.kind === "export" && j.status === "completed",
    ).length;
    if (t.total < FREE - COST * done) doubleCharged += FREE - COST * done - t.total;
    if (t.frozen !== 0 || t.available !== t.total) stillFrozen++;
  }
  // Orphans: an export folder whose job did not complete, a partial file, an upload's leftover.
  const orphans: string[] = [];
  const exportsRoot = path.join(dataDir, "exports");
  for (const sid of fs.existsSync(exportsRoot) ? fs.readdirSync(exportsRoot) : []) {
    for (const jid of fs.readdirSync(path.join(exportsRoot, sid))) {
      const j = byId.get(jid);
      if (!j || j.status !== "completed") orphans.push(`exports/${sid}/${jid}`);
      else
        for (const f of fs.readdirSync(path.join(exportsRoot, sid, jid)))
          if (f.endsWith(".part")) orphans.push(`exports/${sid}/${jid}/${f}`);
    }
  }
  const mediaRoot = path.join(dataDir, "media");
  for (const sid of fs.existsSync(mediaRoot) ? fs.readdirSync(mediaRoot) : []) {
    for (const mid of fs.readdirSync(path.join(mediaRoot, sid)))
      if (!media.has(mid)) orphans.push(`media/${sid}/${mid}`);
  }
  return {
    accepted: accepted.length,
    completed,
    failedWithReason,
    lost,
    doubleCharged,
    stillFrozen,
    orphans,
    settleMs,
    rssBefore,
    rssAfter,
    counts,
  };
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("Build the app first: npx next build");
  console.log(
    `bench/load.ts: ${VISITORS} visitors, loopback port ${PORT}, ${os.cpus().length} cores, clip ${clipBytes.length} bytes\n`,
  );
  const a = await run("baseline", false);
  const b = await run("hostile", true);
  const c = await crash();

  console.log(
    "| run | requests | 5xx | first chat event p50 / p95 | export wait median / max | jobs lost | wall | server peak RSS |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of [a, b]) {
    const waits = r.results.map((x) => x.waitMs);
    console.log(
      `| ${r.label} | ${r.counts.requests} | ${r.counts.fivexx} | ${sec(pct(r.counts.firstEventMs, 50))} / ${sec(pct(r.counts.firstEventMs, 95))} | ${sec(pct(waits, 50))} / ${sec(Math.max(...waits))} | ${r.lost} | ${sec(r.wall)} | ${r.rss.toFixed(1)} MB |`,
    );
  }
  if (b.bad)
    console.log(
      `\nhostile visitor: ${b.bad.accepted} of 20 renders accepted, ${b.bad.refused} refused (one preview per project, ${3} exports per token)`,
    );

  // Fairness: each visitor's wait with the hostile visitor against the baseline. Visitors
  // are matched by rank (the n-th fastest with the n-th fastest), since the order in which
  // 20 simultaneous visitors reach the queue differs from run to run.
  const wa = a.results.map((x) => x.waitMs).sort((x, y) => x - y);
  const wb = b.results.map((x) => x.waitMs).sort((x, y) => x - y);
  const ratios = wb.map((w, i) => w / wa[i]);
  console.log("\n| visitor (by rank) | export wait, no hostile | with hostile | ratio |");
  console.log("|---|---|---|---|");
  ratios.forEach((r, i) =>
    console.log(`| ${i + 1} | ${sec(wa[i])} | ${sec(wb[i])} | ${r.toFixed(2)}x |`),
  );
  console.log(
    `\nfairness: median ratio ${pct(ratios, 50).toFixed(2)}x, worst ${Math.max(...ratios).toFixed(2)}x (target <= 1.5x); ratio of medians ${(pct(wb, 50) / pct(wa, 50)).toFixed(2)}x`,
  );

  console.log(
    `\ncrash run: ${c.accepted} exports accepted, server killed (SIGKILL) while rendering, restarted; all settled ${sec(c.settleMs)} after the kill`,
  );
  console.log(
    `| accepted | completed | failed with a reason | jobs lost | orphaned files | double-charged credits | tokens with credits still frozen | 5xx | peak RSS before / after restart |`,
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  console.log(
    `| ${c.accepted} | ${c.completed} | ${c.failedWithReason} | ${c.lost} | ${c.orphans.length} | ${c.doubleCharged} | ${c.stillFrozen} | ${c.counts.fivexx} | ${c.rssBefore.toFixed(1)} / ${c.rssAfter.toFixed(1)} MB |`,
  );
  if (c.orphans.length) console.log(`orphans: ${c.orphans.slice(0, 10).join(", ")}`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    console.error(`server log: ${work}/server.log`);
    stopServer("SIGKILL");
    process.exit(1);
  },
);
