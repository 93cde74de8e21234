// Upload benchmark (not part of the test suite): a ~500 MB clip over loopback to the real
// app server (scripts/server.mjs on a production build) against `curl` to a bare Node
// http server that only writes the request to disk, in the same run.
//
//   flock /tmp/vso-build.lock sh -c "npx next build && npx tsx bench/upload.ts"
//
// Prints throughput for both, the ratio (target >= 80%) and the app server's RSS growth
// during the upload, sampled from /proc/<pid>/status (target < 64 MB).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const TARGET_MB = Number(process.env.BENCH_UPLOAD_MB ?? 500);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3200);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 3201);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const root = path.resolve(__dirname, "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-upload-"));
const children: ChildProcess[] = [];

function ff(args: string[]): void {
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/**
 * A valid ~TARGET_MB H.264 MP4, fast on 2 cores: 4 s of lossless 720p noise (about 100 MB,
 * the costly part) then stream-copied end to end until the size is reached (disk speed).
 */
function makeBigClip(): string {
  const seed = path.join(work, "seed.mp4");
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
  const big = path.join(work, "big.mp4");
  // -fs stops at the size and still finishes the file properly (index written).
  ff(["-stream_loop", "-1", "-i", seed, "-c", "copy", "-fs", String(TARGET_MB * 1024 * 1024), big]);
  fs.rmSync(seed);
  return big;
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : 0;
}

/** Size of the upload being received (incoming.part), 0 when none is in progress. */
function partSize(dataDir: string): number {
  const media = path.join(dataDir, "media");
  for (const session of fs.existsSync(media) ? fs.readdirSync(media) : []) {
    for (const item of fs.readdirSync(path.join(media, session))) {
      const st = fs.statSync(path.join(media, session, item, "incoming.part"), {
        throwIfNoEntry: false,
      });
      if (st) return st.size;
    }
  }
  return 0;
}

function start(cmd: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
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

/** curl multipart upload; returns seconds and the response body. */
function curlUpload(
  url: string,
  file: string,
  extra: string[] = [],
): { seconds: number; body: string } {
  const out = path.join(work, "response.txt");
  const timing = execFileSync(
    "curl",
    ["-sS", "-o", out, "-w", "%{time_total}", "-F", `files=@${file};type=video/mp4`, ...extra, url],
    { encoding: "utf8" },
  );
  return { seconds: Number(timing), body: fs.readFileSync(out, "utf8") };
}

const BARE_SERVER = `
  const http = require("node:http"), fs = require("node:fs"), { pipeline } = require("node:stream/promises");
  let n = 0;
  http.createServer(async (req, res) => {
    const file = process.env.OUT_DIR + "/upload-" + n++;
    await pipeline(req, fs.createWriteStream(file));
    fs.rmSync(file);
    res.end("ok");
  }).listen(Number(process.env.PORT), "127.0.0.1");
`;

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("No production build: run `flock /tmp/vso-build.lock npx next build` first.");
  console.log(`Generating a ~${TARGET_MB} MB H.264 MP4...`);
  const big = makeBigClip();
  const bytes = fs.statSync(big).size;
  const sha256 = execFileSync("sha256sum", [big], { encoding: "utf8" }).split(" ")[0];
  const mb = bytes / (1024 * 1024);
  console.log(`  ${mb.toFixed(1)} MB`);

  start(process.execPath, ["-e", BARE_SERVER], { PORT: String(BARE_PORT), OUT_DIR: work });
  await waitFor(`http://127.0.0.1:${BARE_PORT}/`);

  // The app: production server, its own data folder and port.
  const dataDir = path.join(work, "data");
  // BENCH_APP_NODE_ARGS: extra node flags for the app server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const app = start(process.execPath, [...nodeArgs, "scripts/server.mjs"], {
    NODE_ENV: "production",
    PORT: String(APP_PORT),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    SESSION_PASSWORD: "bench-password-that-is-at-least-32-characters",
    BACKEND: "local",
    MAX_UPLOAD_MB: String(TARGET_MB + 10),
    TOKEN_RATE_LIMIT: "1000",
  });
  app.stdout!.resume();
  const base = `http://127.0.0.1:${APP_PORT}`;
  await waitFor(`${base}/api/credits`);
  const jar = path.join(work, "cookies.txt");
  const cookie = ["-b", jar, "-c", jar];
  execFileSync("curl", ["-sS", "-o", "/dev/null", "-X", "POST", ...cookie, `${base}/api/session`]);
  // The poster, filmstrip and peaks are made after the answer: let them finish so the
  // next baseline upload does not share the CPU with them.
  const waitForPreviews = async (id: string) => {
    for (let i = 0; i < 600; i++) {
      const listed = JSON.parse(
        execFileSync("curl", ["-sS", ...cookie, `${base}/api/media`], { encoding: "utf8" }),
      ) as { files: { id: string; previews: string }[] };
      if (listed.files.find((f) => f.id === id)?.previews === "ready") return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the poster, filmstrip and peaks were not ready after 60 s");
  };
  type Result = {
    files?: {
      id: string;
      kind: string;
      duration: number;
      width: number;
      height: number;
      hash: string;
    }[];
  };
  /** One app upload of the big file: time, when it was all on disk, RSS before and at its peak; checked byte for byte. */
  const appUpload = async () => {
    const before = rssKb(app.pid!);
    let peak = before;
    // Phase split: when the whole file is on disk (incoming.part at full size) vs. the answer.
    const t0 = performance.now();
    let storedAt = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssKb(app.pid!));
      if (!storedAt && partSize(dataDir) >= bytes) storedAt = (performance.now() - t0) / 1000;
    }, 10);
    const run = await new Promise<{ seconds: number; body: string }>((resolve, reject) => {
      const out = path.join(work, "app-response.txt");
      const c = spawn("curl", [
        "-sS",
        "-o",
        out,
        "-w",
        "%{time_total}",
        "-F",
        `files=@${big};type=video/mp4`,
        ...cookie,
        `${base}/api/upload`,
      ]);
      let timing = "";
      c.stdout.on("data", (d) => (timing += d));
      c.on("close", (code) =>
        code === 0
          ? resolve({ seconds: Number(timing), body: fs.readFileSync(out, "utf8") })
          : reject(new Error(`curl exited ${code}`)),
      );
    });
    clearInterval(sampler);
    peak = Math.max(peak, rssKb(app.pid!));
    const result = JSON.parse(run.body) as Result;
    if (!result.files?.[0]) throw new Error(`upload failed: ${run.body}`);
    if (result.files[0].hash !== sha256)
      throw new Error(
        `stored file differs from the upload: sha256 ${result.files[0].hash}, expected ${sha256}`,
      );
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
    return { seconds: run.seconds, storedAt, before, peak, item: result.files[0] };
  };
  const growthMb = (r: { before: number; peak: number }) => (r.peak - r.before) / 1024;

  // Warm-up, not in the medians: one upload of the big file each, as a server that has
  // been running a while has had (the first one through a fresh process is slower while
  // V8 compiles the hot path and sizes its heap). Reported on its own.
  const bareFirst = curlUpload(`http://127.0.0.1:${BARE_PORT}/`, big).seconds;
  const first = await appUpload();
  console.log(
    `  first upload (warm-up): bare ${bareFirst.toFixed(2)} s, app ${first.seconds.toFixed(2)} s (file on disk at ${first.storedAt.toFixed(2)} s), RSS ${(first.before / 1024).toFixed(1)} -> ${(first.peak / 1024).toFixed(1)} MB`,
  );

  // Rounds alternate baseline and app so both see the same machine load; medians reported.
  const bareTimes: number[] = [];
  const appTimes: number[] = [];
  const storedTimes: number[] = [];
  let growth = growthMb(first);
  let last = first;
  for (let round = 0; round < ROUNDS; round++) {
    bareTimes.push(curlUpload(`http://127.0.0.1:${BARE_PORT}/`, big).seconds);
    last = await appUpload();
    growth = Math.max(growth, growthMb(last));
    appTimes.push(last.seconds);
    storedTimes.push(last.storedAt);
    console.log(
      `  round ${round + 1}: bare ${bareTimes[round].toFixed(2)} s, app ${last.seconds.toFixed(2)} s (file on disk at ${last.storedAt ? last.storedAt.toFixed(2) : "?"} s), RSS +${growthMb(last).toFixed(1)} MB`,
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bare = { seconds: median(bareTimes) };
  const appRun = { seconds: median(appTimes) };
  const bareMBs = mb / bare.seconds;
  const appMBs = mb / appRun.seconds;
  const ratio = appMBs / bareMBs;
  const item = last.item;
  console.log("");
  console.log(
    `file                       ${mb.toFixed(1)} MB (${item.kind}, ${item.duration.toFixed(1)} s, ${item.width}x${item.height})`,
  );
  console.log(`(medians of ${ROUNDS} alternating rounds)`);
  console.log(
    `curl -> bare Node server   ${bare.seconds.toFixed(2)} s   ${bareMBs.toFixed(1)} MB/s`,
  );
  console.log(
    `curl -> app /api/upload    ${appRun.seconds.toFixed(2)} s   ${appMBs.toFixed(1)} MB/s   (includes ffprobe, tail read, first-picture decode)`,
  );
  console.log(
    `  of which after the file was on disk   ${(appRun.seconds - median(storedTimes)).toFixed(2)} s (median on-disk time ${median(storedTimes).toFixed(2)} s)`,
  );
  console.log(
    `throughput ratio           ${(ratio * 100).toFixed(0)}%   (target >= 80%) ${ratio >= 0.8 ? "PASS" : "FAIL"}`,
  );
  console.log(
    `app RSS before / peak      ${(last.before / 1024).toFixed(1)} MB / ${(last.peak / 1024).toFixed(1)} MB (last round)`,
  );
  console.log(
    `app RSS growth (max)       ${growth.toFixed(1)} MB   (target < 64 MB, first upload included) ${growth < 64 ? "PASS" : "FAIL"}`,
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) c.kill("SIGTERM");
    fs.rmSync(work, { recursive: true, force: true });
  });
