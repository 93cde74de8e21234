// Large resumable uploads (not part of the test suite): a 1 GB and a 4 GB MP4 sent through
// the tus path the studio uses (POST /api/tus, then the whole file in one PATCH, as
// tus-js-client does with UPLOAD_CHUNK_MB=0) to the real app server (scripts/server.mjs on
// a production build), against the same curl sending the same file to a bare Node http
// server that only writes the request to disk, in the same run. Each size runs in its own
// hold of the heavy-job lock:
//
//   npx next build   # once, under the lock
//   npx tsx bench/upload-large.ts            # takes /tmp/vso-heavy.lock per size itself
//
// Prints, per size: both times and throughputs, their ratio (target >= 90%), when the
// whole file was on disk vs the answer (after the last byte: the checks, ffprobe, the
// tail read), and the app server's RSS growth during the upload (target < 64 MB). Every
// app upload is checked byte for byte (the answer's sha256 against sha256sum). The big
// files are cut from one generated clip with -c copy, cached under /tmp while the run
// lasts and deleted at the end (BENCH_KEEP=1 keeps them).
//   BENCH_SIZES_MB (default "1024,4096"), BENCH_ROUNDS (default 3), BENCH_APP_PORT (3210), BENCH_BARE_PORT (3211),
//   BENCH_APP_NODE_ARGS (node flags for the app server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const SIZES = (process.env.BENCH_SIZES_MB ?? "1024,4096")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3210);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 3211);
const LOCK = "/tmp/vso-heavy.lock";
const root = path.resolve(__dirname, "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-large-"));
const cacheDir = path.join(os.tmpdir(), "vso-bench-large-cache");
const children: ChildProcess[] = [];

function ff(args: string[]): void {
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** A valid H.264 MP4 of about `mb` MB: 4 s of lossless 720p noise, stream-copied end to end (disk speed). */
function bigClip(mb: number): string {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `big-${mb}.mp4`);
  if (fs.existsSync(file)) return file;
  const seed = path.join(cacheDir, "seed.mp4");
  if (!fs.existsSync(seed)) {
    ff([
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=1280x720:rate=25:duration=4,noise=alls=60:allf=t",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-qp",
      "0",
      "-pix_fmt",
      "yuv420p",
      seed,
    ]);
  }
  ff(["-stream_loop", "-1", "-i", seed, "-c", "copy", "-fs", String(mb * 1024 * 1024), file]);
  return file;
}

/** CPU seconds (user + system, all threads) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : 0;
}

/** Largest upload being received: under <dataDir>/uploads (tus's file store), or just moved to its media folder (incoming.part). */
function partSize(dataDir: string): number {
  const size = (f: string) => fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0;
  const dir = path.join(dataDir, "uploads");
  let max = 0;
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : [])
    if (!f.endsWith(".json")) max = Math.max(max, size(path.join(dir, f)));
  const media = path.join(dataDir, "media");
  for (const s of fs.existsSync(media) ? fs.readdirSync(media) : []) {
    for (const item of fs.readdirSync(path.join(media, s)))
      max = Math.max(max, size(path.join(media, s, item, "incoming.part")));
  }
  return max;
}

function start(cmd: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  child.stdout!.resume();
  return child;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not come up`);
}

/** curl streaming a file as the request body (-T: read as it goes, never loaded whole). */
function curlSend(
  method: string,
  url: string,
  file: string,
  headers: string[],
  cookie: string[],
): Promise<{ seconds: number; status: number; body: string }> {
  const out = path.join(work, `response-${Math.random().toString(36).slice(2)}.txt`);
  return new Promise((resolve, reject) => {
    const h = ["-H", "Expect:", ...headers.flatMap((x) => ["-H", x])];
    const c = spawn("curl", [
      "-sS",
      "-o",
      out,
      "-w",
      "%{time_total} %{http_code}",
      "-X",
      method,
      "-T",
      file,
      ...h,
      ...cookie,
      url,
    ]);
    let timing = "";
    c.stdout.on("data", (d) => (timing += d));
    c.on("close", (code) => {
      if (code !== 0) return reject(new Error(`curl exited ${code}`));
      const [seconds, status] = timing.trim().split(" ").map(Number);
      resolve({ seconds, status, body: fs.readFileSync(out, "utf8") });
      fs.rmSync(out, { force: true });
    });
  });
}

const BARE_SERVER = `
  const http = require("node:http"), fs = require("node:fs"), { pipeline } = require("node:stream/promises");
  let n = 0;
  http.createServer(async (req, res) => {
    const file = process.env.OUT_DIR + "/bare-" + n++;
    await pipeline(req, fs.createWriteStream(file));
    fs.rmSync(file);
    res.end("ok");
  }).listen(Number(process.env.PORT), "127.0.0.1");
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Row {
  mb: number;
  bare: number;
  app: number;
  onDisk: number;
  growthMb: number;
  rssBefore: number;
  rssPeak: number;
  firstApp: number;
  /** Median of each round's bare / app time (rounds are paired: the machine's load changes between them). */
  ratio: number;
  /** Median server CPU seconds per upload (user + system), warm-up excluded. */
  bareCpu: number;
  appCpu: number;
}

async function benchSize(mbWanted: number): Promise<Row> {
  console.log(`\n== ${mbWanted} MB: generating (cached in ${cacheDir})...`);
  const big = bigClip(mbWanted);
  const bytes = fs.statSync(big).size;
  const mb = bytes / (1024 * 1024);
  const sha256 = execFileSync("sha256sum", [big], { encoding: "utf8" }).split(" ")[0];

  const bare = start(process.execPath, ["-e", BARE_SERVER], {
    PORT: String(BARE_PORT),
    OUT_DIR: work,
  });
  await waitFor(`http://127.0.0.1:${BARE_PORT}/`);
  const dataDir = fs.mkdtempSync(path.join(work, "data-"));
  // BENCH_APP_NODE_ARGS: extra node flags for the app server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const app = start(process.execPath, [...nodeArgs, "scripts/server.mjs"], {
    NODE_ENV: "production",
    PORT: String(APP_PORT),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SESSION_PASSWORD: "bench-password-that-is-at-least-32-characters",
    BACKEND: "local",
    MAX_UPLOAD_MB: String(Math.max(4096, mbWanted + 10)),
    TOKEN_RATE_LIMIT: "1000",
    TRANSCRIBER: "none",
  });
  const base = `http://127.0.0.1:${APP_PORT}`;
  try {
    await waitFor(`${base}/api/credits`);
    const jar = path.join(work, "cookies.txt");
    const cookie = ["-b", jar, "-c", jar];
    execFileSync("curl", [
      "-sS",
      "-o",
      "/dev/null",
      "-X",
      "POST",
      ...cookie,
      `${base}/api/session`,
    ]);

    const waitForPreviews = async (id: string) => {
      for (let i = 0; i < 1200; i++) {
        const listed = JSON.parse(
          execFileSync("curl", ["-sS", ...cookie, `${base}/api/media`], { encoding: "utf8" }),
        ) as { files: { id: string; previews: string }[] };
        if (listed.files.find((f) => f.id === id)?.previews === "ready") return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("the poster, filmstrip and peaks were not ready after 120 s");
    };

    // Every timed upload starts with nothing waiting to be written back (sync, untimed): a
    // 4 GB upload is bounded by the kernel's writeback, and the previous one's dirty pages
    // would otherwise slow whichever side comes next.
    const bareCpu: number[] = [];
    const appCpu: number[] = [];
    const bareUpload = async () => {
      execFileSync("sync");
      const cpu0 = cpuSeconds(bare.pid!);
      const seconds = (await curlSend("PUT", `http://127.0.0.1:${BARE_PORT}/`, big, [], []))
        .seconds;
      bareCpu.push(cpuSeconds(bare.pid!) - cpu0);
      return seconds;
    };
    const appUpload = async () => {
      execFileSync("sync");
      // Creation (a few ms; counted) then the bytes.
      const t0 = performance.now();
      const created = execFileSync(
        "curl",
        [
          "-sS",
          "-D",
          "-",
          "-o",
          "/dev/null",
          "-X",
          "POST",
          "-H",
          "Tus-Resumable: 1.0.0",
          "-H",
          `Upload-Length: ${bytes}`,
          "-H",
          `Upload-Metadata: filename ${Buffer.from("big.mp4").toString("base64")}`,
          ...cookie,
          `${base}/api/tus`,
        ],
        { encoding: "utf8" },
      );
      const location = /^location:\s*(\S+)/im.exec(created)?.[1];
      if (!location) throw new Error(`tus creation failed: ${created}`);
      const createSeconds = (performance.now() - t0) / 1000;
      const before = rssKb(app.pid!);
      const cpu0 = cpuSeconds(app.pid!);
      let peak = before;
      let storedAt = 0;
      // The last byte is seen on disk (or, when the file moved on within one 10 ms poll, the last growth seen).
      let grewAt = 0;
      let seen = 0;
      const t1 = performance.now();
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssKb(app.pid!));
        const now = partSize(dataDir);
        if (now > seen) {
          seen = now;
          grewAt = (performance.now() - t1) / 1000;
        }
        if (!storedAt && now >= bytes) storedAt = grewAt;
      }, 10);
      const sent = await curlSend(
        "PATCH",
        new URL(location, base).href,
        big,
        [
          "Tus-Resumable: 1.0.0",
          "Upload-Offset: 0",
          "Content-Type: application/offset+octet-stream",
        ],
        cookie,
      );
      clearInterval(sampler);
      appCpu.push(cpuSeconds(app.pid!) - cpu0);
      peak = Math.max(peak, rssKb(app.pid!));
      const result = JSON.parse(sent.body) as { files?: { id: string; hash: string }[] };
      if (sent.status !== 200 || !result.files?.[0])
        throw new Error(`upload failed (${sent.status}): ${sent.body}`);
      if (result.files[0].hash !== sha256)
        throw new Error(`stored file differs: sha256 ${result.files[0].hash}, expected ${sha256}`);
      await waitForPreviews(result.files[0].id);
      execFileSync("curl", [
        "-sS",
        "-o",
        "/dev/null",
        "-X",
        "DELETE",
        ...cookie,
        `${base}/api/media/${result.files[0].id}`,
      ]);
      return {
        seconds: createSeconds + sent.seconds,
        storedAt: createSeconds + (storedAt || grewAt),
        before,
        peak,
      };
    };

    const bareFirst = await bareUpload();
    const first = await appUpload();
    console.log(
      `  warm-up: bare ${bareFirst.toFixed(2)} s, app ${first.seconds.toFixed(2)} s, RSS ${(first.before / 1024).toFixed(1)} -> ${(first.peak / 1024).toFixed(1)} MB`,
    );
    const bares: number[] = [];
    const apps: number[] = [];
    const stored: number[] = [];
    let growth = (first.peak - first.before) / 1024;
    let last = first;
    for (let r = 0; r < ROUNDS; r++) {
      bares.push(await bareUpload());
      last = await appUpload();
      apps.push(last.seconds);
      stored.push(last.storedAt);
      growth = Math.max(growth, (last.peak - last.before) / 1024);
      console.log(
        `  round ${r + 1}: bare ${bares[r].toFixed(2)} s (server CPU ${bareCpu.at(-1)!.toFixed(2)} s), app ${last.seconds.toFixed(2)} s (on disk at ${last.storedAt.toFixed(2)} s, server CPU ${appCpu.at(-1)!.toFixed(2)} s), RSS +${((last.peak - last.before) / 1024).toFixed(1)} MB, load ${os.loadavg()[0].toFixed(1)}`,
      );
    }
    const ratios = bares.map((b, i) => b / apps[i]);
    return {
      mb,
      bare: median(bares),
      app: median(apps),
      onDisk: median(stored),
      growthMb: growth,
      rssBefore: last.before / 1024,
      rssPeak: last.peak / 1024,
      firstApp: first.seconds,
      ratio: median(ratios),
      bareCpu: median(bareCpu.slice(1)),
      appCpu: median(appCpu.slice(1)),
    };
  } finally {
    for (const c of children.splice(0)) c.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("No production build: run `flock /tmp/vso-heavy.lock npx next build` first.");
  const rows: Row[] = [];
  for (const mb of SIZES) {
    // One size per hold of the heavy-job lock (others' builds and e2e runs get their turn between sizes).
    if (!process.env.VSO_HEAVY_LOCK_HELD) {
      const r = spawnSync("flock", [LOCK, process.execPath, "--import", "tsx", __filename], {
        stdio: ["ignore", "pipe", "inherit"],
        env: {
          ...process.env,
          VSO_HEAVY_LOCK_HELD: "1",
          BENCH_SIZES_MB: String(mb),
          BENCH_JSON: "1",
        },
        encoding: "utf8",
      });
      process.stdout.write(r.stdout.replace(/^ROW .*$/m, ""));
      const line = /^ROW (.*)$/m.exec(r.stdout);
      if (!line) throw new Error(`the ${mb} MB step failed`);
      rows.push(JSON.parse(line[1]) as Row);
      continue;
    }
    rows.push(await benchSize(mb));
  }
  if (process.env.BENCH_JSON) {
    console.log(`ROW ${JSON.stringify(rows[0])}`);
    return;
  }
  console.log(
    `\n(medians of ${ROUNDS} alternating rounds; times include tus creation; "after disk" = checks after the last byte)`,
  );
  console.log(
    "| size | bare Node server | app, resumable (tus) | file on disk | after disk | ratio (median of rounds) | server CPU bare / app | RSS before / peak | RSS growth |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const ratio = r.ratio;
    console.log(
      `| ${(r.mb / 1024).toFixed(2)} GB | ${r.bare.toFixed(2)} s (${(r.mb / r.bare).toFixed(0)} MB/s) | ${r.app.toFixed(2)} s (${(r.mb / r.app).toFixed(0)} MB/s) | ${r.onDisk.toFixed(2)} s | ${(r.app - r.onDisk).toFixed(2)} s | ${(ratio * 100).toFixed(0)}% ${ratio >= 0.9 ? "PASS" : "FAIL"} | ${r.bareCpu.toFixed(2)} / ${r.appCpu.toFixed(2)} s | ${r.rssBefore.toFixed(0)} / ${r.rssPeak.toFixed(0)} MB | ${r.growthMb.toFixed(1)} MB ${r.growthMb < 64 ? "PASS" : "FAIL"} |`,
    );
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) c.kill("SIGTERM");
    fs.rmSync(work, { recursive: true, force: true });
    if (!process.env.VSO_HEAVY_LOCK_HELD && !process.env.BENCH_KEEP)
      fs.rmSync(cacheDir, { recursive: true, force: true });
  });
