// Long-render benchmark: `npx tsx bench/long.ts` (see bench/README.md, "Long renders").
// A BENCH_MINUTES-long 1920x1080 30 fps source with espeak-ng speech (2 minutes made
// once, then joined end to end with -c copy; cached in /tmp/vso-bench-long), cut into
// timelines of BENCH_CUTS pieces (default 60,300,1000) with a caption per piece. Each is
// exported by the product's renderer as an export runs it (RENDER_CHUNK_SECONDS chunks,
// default 300, RENDER_CHUNK_CONCURRENCY at a time, default 1; BENCH_ONE_FFMPEG=1: one ffmpeg
// for the whole timeline instead) and, in the same run, by a hand-written
// single-decode ffmpeg command (select/aselect + ass) for the same edit; then the largest
// is rendered in chunks with one and with two chunks at a time, and then as an export on
// QUEUE=bullmq (a local redis-server) with one and with two `scripts/worker.ts` processes
// (one export and one chunk at a time each, each with its own DATA_DIR, sources and parts in a fake
// S3 bucket), whose chunks are queue parts any free worker takes. Every step runs in its own
// process under `flock /tmp/vso-heavy.lock`, and prints wall time, the peak RSS of its
// ffmpeg processes (summed over those running at once) and of the rendering Node process.
// Both sides use BENCH_PRESET (default ultrafast, to keep 2 shared cores bounded).
// BENCH_SINGLE=0 skips the one-ffmpeg rows, BENCH_HAND=0 the hand-written command,
// BENCH_CHUNKED=0 the in-process chunk rows, BENCH_WORKERS=0 the queue-worker rows.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { envSchema } from "@/lib/config/env-schema";
import { draftSchema, type Draft } from "@/lib/draft/schema";
import { buildAss } from "@/lib/engine/render/build-ass";
import { encodeArgs } from "@/lib/engine/render/build-render-args";
import { layoutTimeline } from "@/lib/engine/render/layout-timeline";
import { outputSpec, type OutputSpec } from "@/lib/engine/render/presets";
import { renderDraft } from "@/lib/engine/render/render-draft";
import { recordFor } from "@/tests/support/engine/test-records";
import { addMedia, testEngine, visitor } from "@/tests/support/engine/test-engine";
import type { RenderPayload } from "@/lib/engine/exports/render-job";
import { rssMb, watchFfmpegRss } from "@/tests/support/peak-rss";
import { startRedis } from "@/tests/support/redis";
import { sourceKey } from "@/lib/engine/media/source-objects";
import { createStorage } from "@/lib/engine/storage/create-storage";
import { killGroup, startWorkerProcess } from "@/tests/support/worker-process";
import { longSpeechSource } from "./support/speech-source";

const MINUTES = Number(process.env.BENCH_MINUTES ?? 60);
const CUTS = (process.env.BENCH_CUTS ?? "60,300,1000").split(",").map(Number);
const PRESET = (process.env.BENCH_PRESET ?? "ultrafast") as OutputSpec["x264Preset"];
const CHUNK_S = Number(process.env.BENCH_CHUNK_SECONDS ?? 60);
const dir = "/tmp/vso-bench-long";
// What an export does with the product's settings (lib/config/env-schema.ts).
const env = envSchema.parse(process.env);
const EXPORT_CHUNK_MS = env.RENDER_CHUNK_SECONDS * 1000;
const EXPORT_CONCURRENCY = env.RENDER_CHUNK_CONCURRENCY;

const makeSource = () => longSpeechSource(MINUTES, dir);

/** "Remove the pauses": n pieces spread over the source, 80% kept, at odd milliseconds; a caption per piece. */
function draftFor(n: number): Draft {
  const period = (MINUTES * 60_000) / n;
  const video = [];
  const cues = [];
  let st = 0;
  for (let k = 0; k < n; k++) {
    const from = Math.round(k * period + period * 0.1) + 7;
    const d = Math.round(period * 0.8);
    video.push({ id: `v${k}`, st, d, src: "src", in: from, out: from + d });
    cues.push({
      id: `c${k}`,
      st: st + 100,
      d: Math.max(200, d - 200),
      text: `Piece ${k + 1}: we remove the pauses`,
      kind: "caption",
      style: "classic",
    });
    st += d;
  }
  return draftSchema.parse({
    t: [
      { tt: 0, sg: video },
      { tt: 7, sg: cues, m: { role: "captions" } },
    ],
    d: st,
    m: { width: 1920, height: 1080, fps: 30 },
  });
}

function spec(draft: Draft): OutputSpec {
  return { ...outputSpec(draft, "youtube", false), x264Preset: PRESET };
}

/**
 * "Is t inside one of the kept pieces?" as a binary search: `if(lt(t,m),left,right)`
 * evaluates one branch, so each frame costs log2(pieces) comparisons. A flat sum of
 * `between()` terms costs one per piece per frame, and ffmpeg 5.1's expression parser
 * refuses it past ~150 terms ("Cannot allocate memory").
 */
function keepExpr(ranges: number[][]): string {
  if (ranges.length === 1) return `between(t,${ranges[0][0]},${ranges[0][1]})`;
  const mid = ranges.length >> 1;
  return `if(lt(t,${ranges[mid][0]}),${keepExpr(ranges.slice(0, mid))},${keepExpr(ranges.slice(mid))})`;
}

/** The same edit as one decode: select/aselect keep the pieces, setpts closes the gaps, ass draws the captions. */
function handArgs(draft: Draft, src: string, out: string): string[] {
  const layout = layoutTimeline(draft, { src: recordFor(src, "video", "src") });
  const ranges = layout.items.flatMap((it) =>
    it.type === "clip" ? [[it.seg.in / 1000, it.seg.out / 1000]] : [],
  );
  const expr = keepExpr(ranges.map(([a, b]) => [a, b - 0.0001]));
  const ass = path.join(dir, `hand-${ranges.length}.ass`);
  fs.writeFileSync(ass, buildAss(layout.textTracks, 1920, 1080));
  const graph = `[0:v]select='${expr}',setpts=N/(30*TB),ass=filename=${ass},format=yuv420p[v];[0:a]aselect='${expr}',asetpts=N/SR/TB[a]`;
  const script = path.join(dir, `hand-${ranges.length}.graph`);
  fs.writeFileSync(script, graph);
  return [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-i",
    src,
    "-filter_complex_script",
    script,
    "-map",
    "[v]",
    "-map",
    "[a]",
    ...encodeArgs(spec(draft)),
    out,
  ];
}

interface StepResult {
  seconds: number;
  ffmpegMb: number;
  nodeMb: number;
  /** Queue workers only: the largest worker process. */
  workerMb?: number;
  processes: number;
}

/**
 * The export through QUEUE=bullmq with `workers` worker processes, deployed as on separate
 * machines: the web engine and every worker have their own DATA_DIR, and share only Redis
 * and a bucket (tests/support/fake-s3.ts, in a child process of its own so its in-memory
 * objects do not count as the web process's memory). The source is only in the bucket, so
 * each worker downloads it once, as a worker on another machine would. The export job
 * (the bench's x264 preset, so rows compare with the others) is queued as the web app
 * queues it, its chunks become BullMQ parts, and whichever worker is free renders each.
 * nodeMb: the web process; workerMb: the largest worker process.
 */
async function workersStep(workers: number, n: number, src: string): Promise<StepResult> {
  const redis = await startRedis();
  const bucket = await startBucket();
  const webDir = fs.mkdtempSync(path.join(dir, "workers-web-"));
  const workerDirs = Array.from({ length: workers }, () =>
    fs.mkdtempSync(path.join(dir, "workers-worker-")),
  );
  const env = {
    QUEUE: "bullmq",
    REDIS_URL: redis.url,
    RENDER_CHUNK_SECONDS: String(CHUNK_S),
    RENDER_CONCURRENCY: "1",
    RENDER_CHUNK_CONCURRENCY: "1",
    ...bucket.env,
  };
  const engine = testEngine(webDir, env);
  const procs = await Promise.all(
    workerDirs.map((d) => startWorkerProcess({ ...env, DATA_DIR: d })),
  );
  try {
    const { sessionId } = visitor(engine);
    // The upload as the web app keeps it with STORAGE=s3: a copy in the bucket; its path is
    // on the web machine only (never created here), so workers read the bucket's copy.
    const local = recordFor(src, "video", "src");
    const media = { ...local, path: path.join(webDir, "media", sessionId, "src", "source.mp4") };
    addMedia(engine, sessionId, media, fs.statSync(src).size);
    const key = sourceKey(sessionId, media.id, media.path);
    await createStorage(engine.config.storage, webDir).putFile(key, src);
    const draft = draftFor(n);
    const id = `exp_bench${workers}`;
    const payload: RenderPayload = {
      draft,
      media: [{ ...media, key }],
      out: spec(draft),
      dir: path.join(webDir, "exports", sessionId, id),
      key: `exports/${sessionId}/${id}`,
    };
    const pids = [process.pid, ...procs.map((p) => p.pid!)];
    const peaks = new Map<number, number>();
    const timer = setInterval(
      () => pids.forEach((p) => peaks.set(p, Math.max(peaks.get(p) ?? 0, rssMb(p)))),
      100,
    );
    const watch = watchFfmpegRss(pids, 100);
    const t0 = performance.now();
    engine.queue.enqueue({
      id,
      sessionId,
      tokenId: null,
      kind: "export",
      preset: "youtube",
      payload,
      credits: 0,
    });
    await engine.exports.settled(id);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(timer);
    const rss = watch.stop();
    const status = engine.exports.get(sessionId, id);
    if (status.status !== "completed")
      throw new Error(`the export ended ${status.status}: ${status.error}`);
    const databases = workerDirs.filter((d) => fs.existsSync(path.join(d, "vso.sqlite")));
    if (databases.length > 0) throw new Error(`a worker opened a database in ${databases[0]}`);
    return {
      seconds,
      ffmpegMb: rss.peakSumMb,
      nodeMb: peaks.get(process.pid)!,
      workerMb: Math.max(...procs.map((p) => peaks.get(p.pid!) ?? 0)),
      processes: rss.processes,
    };
  } finally {
    procs.forEach(killGroup);
    await engine.queue.shutdown(0);
    await redis.stop();
    bucket.stop();
    for (const d of [webDir, ...workerDirs]) fs.rmSync(d, { recursive: true, force: true });
  }
}

/** tests/support/fake-s3.ts in a child process; resolves with the settings that point at it. */
async function startBucket(): Promise<{ env: Record<string, string>; stop(): void }> {
  const support = path.resolve(__dirname, "../tests/support/fake-s3.ts");
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      // tsx hands a TypeScript module to ESM code as CommonJS: its exports are on `default`.
      `const i = await import(${JSON.stringify(support)}); const m = i.startFakeS3 ? i : i.default; const s = await m.startFakeS3(); console.log(JSON.stringify(m.s3Env(s)));`,
    ],
    { cwd: path.resolve(__dirname, ".."), stdio: ["ignore", "pipe", "inherit"] },
  );
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]) as Record<string, string>);
    });
    child.once("exit", (code) => reject(new Error(`the fake bucket exited (${code})`)));
  });
  return { env, stop: () => child.kill("SIGKILL") };
}

/** One measured step, run in this process (called through `flock` by main). */
async function step(kind: string, n: number, src: string): Promise<StepResult> {
  if (kind.startsWith("workers-")) return workersStep(Number(kind.slice(-1)), n, src);
  const draft = draftFor(n);
  const out = path.join(dir, `${kind}-${n}.mp4`);
  let nodePeak = rssMb(process.pid);
  const nodeTimer = setInterval(() => (nodePeak = Math.max(nodePeak, rssMb(process.pid))), 100);
  const watch = watchFfmpegRss([process.pid], 100);
  const t0 = performance.now();
  if (kind === "hand") {
    // Spawned, not spawnSync: a blocked event loop would stop the /proc sampler above.
    const child = spawn("ffmpeg", handArgs(draft, src, out), {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (code !== 0) throw new Error("hand command failed");
  } else {
    const media = { src: recordFor(src, "video", "src") };
    const chunks = kind.startsWith("chunks")
      ? { chunkMs: CHUNK_S * 1000, concurrency: Number(kind.slice(-1)) }
      : process.env.BENCH_ONE_FFMPEG === "1"
        ? null
        : { chunkMs: EXPORT_CHUNK_MS, concurrency: EXPORT_CONCURRENCY };
    await renderDraft({
      draft,
      media,
      out: spec(draft),
      outputPath: out,
      ...(chunks && chunks.chunkMs > 0
        ? { ...chunks, chunkDir: path.join(dir, `chunks-${kind}-${n}`) }
        : {}),
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(nodeTimer);
  const rss = watch.stop();
  return { seconds, ffmpegMb: rss.peakSumMb, nodeMb: nodePeak, processes: rss.processes };
}

function runStep(kind: string, n: number): StepResult {
  const r = spawnSync(
    "flock",
    [
      "/tmp/vso-heavy.lock",
      process.execPath,
      "--import",
      "tsx",
      __filename,
      "--step",
      kind,
      String(n),
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: process.env },
  );
  const line = r.stdout.trim().split("\n").at(-1) ?? "";
  if (r.status !== 0 || !line.startsWith("{"))
    throw new Error(`step ${kind} ${n} failed: ${r.stdout}`);
  return JSON.parse(line) as StepResult;
}

const fmt = (r: StepResult) =>
  `${r.seconds.toFixed(1).padStart(7)} s ${r.ffmpegMb.toFixed(0).padStart(6)} MB`;

async function main() {
  if (process.argv[2] === "--step") {
    const src = makeSource();
    console.log(JSON.stringify(await step(process.argv[3], Number(process.argv[4]), src)));
    return;
  }
  console.log(
    `Source: ${MINUTES} min 1920x1080 30 fps with speech (${makeSource()}); x264 preset ${PRESET} on both sides.`,
  );
  const how =
    process.env.BENCH_ONE_FFMPEG === "1" || EXPORT_CHUNK_MS === 0
      ? "one ffmpeg"
      : `as exports run: ${EXPORT_CHUNK_MS / 1000} s chunks, ${EXPORT_CONCURRENCY} at a time`;
  console.log(
    `cuts | ours (${how}): wall, ffmpeg peak RSS | hand single-decode: wall, ffmpeg peak RSS | ratio | render process (node) RSS`,
  );
  for (const n of process.env.BENCH_SINGLE === "0" ? [] : CUTS) {
    const ours = runStep("ours", n);
    let hand: StepResult | null = null;
    try {
      hand = process.env.BENCH_HAND === "0" ? null : runStep("hand", n);
    } catch (err) {
      console.error(`hand command, ${n} cuts: ${(err as Error).message}`);
      hand = null;
    }
    const handCol = hand
      ? fmt(hand)
      : process.env.BENCH_HAND === "0"
        ? "    not run (BENCH_HAND=0)"
        : "    hand command failed";
    const ratio = hand ? `${(ours.seconds / hand.seconds).toFixed(2)}x` : "  -  ";
    console.log(
      `${String(n).padStart(5)} | ${fmt(ours)} | ${handCol} | ${ratio} | ${ours.nodeMb.toFixed(0)} MB`,
    );
  }
  const n = CUTS.at(-1)!;
  if (process.env.BENCH_CHUNKED !== "0") {
    const one = runStep("chunks-1", n);
    const two = runStep("chunks-2", n);
    console.log(
      `chunks of ${CHUNK_S} s, ${n} cuts: one at a time ${fmt(one)} | two at a time ${fmt(two)} | ${(two.seconds / one.seconds).toFixed(2)}x`,
    );
  }
  if (process.env.BENCH_WORKERS === "0") return;
  const w1 = runStep("workers-1", n);
  const w2 = runStep("workers-2", n);
  const nodes = (r: StepResult) =>
    `web ${r.nodeMb.toFixed(0)} MB, worker ${r.workerMb!.toFixed(0)} MB`;
  console.log(
    `QUEUE=bullmq, ${n} cuts, chunks of ${CHUNK_S} s: one worker ${fmt(w1)} (${nodes(w1)}) | two workers ${fmt(w2)} (${nodes(w2)}) | ${(w2.seconds / w1.seconds).toFixed(2)}x`,
  );
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
