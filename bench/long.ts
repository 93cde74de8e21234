// Long-render benchmark: `npx tsx bench/long.ts` (see bench/README.md, "Long renders").
// A BENCH_MINUTES-long 1920x1080 30 fps source with espeak-ng speech (2 minutes made
// once, then joined end to end with -c copy; cached in /tmp/vso-bench-long), cut into
// timelines of BENCH_CUTS pieces (default 60,300,1000) with a caption per piece. Each is
// exported by the product's renderer (one ffmpeg) and, in the same run, by a hand-written
// single-decode ffmpeg command (select/aselect + ass) for the same edit; then the largest
// is rendered in chunks with one and with two chunks at a time. Every step runs in its own
// process under `flock /tmp/vso-heavy.lock`, and prints wall time, the peak RSS of its
// ffmpeg processes (summed over those running at once) and of the rendering Node process.
// Both sides use BENCH_PRESET (default ultrafast, to keep 2 shared cores bounded).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { draftSchema, type Draft } from "@/lib/draft/schema";
import { buildAss } from "@/lib/engine/render/build-ass";
import { encodeArgs } from "@/lib/engine/render/build-render-args";
import { layoutTimeline } from "@/lib/engine/render/layout-timeline";
import { outputSpec, type OutputSpec } from "@/lib/engine/render/presets";
import { renderDraft } from "@/lib/engine/render/render-draft";
import { recordFor } from "@/tests/support/engine/test-records";
import { rssMb, watchFfmpegRss } from "@/tests/support/peak-rss";

const MINUTES = Number(process.env.BENCH_MINUTES ?? 60);
const CUTS = (process.env.BENCH_CUTS ?? "60,300,1000").split(",").map(Number);
const PRESET = (process.env.BENCH_PRESET ?? "ultrafast") as OutputSpec["x264Preset"];
const CHUNK_S = Number(process.env.BENCH_CHUNK_SECONDS ?? 60);
const dir = "/tmp/vso-bench-long";

const TEXT =
  "Welcome back to the channel. Today we look at how a long recording becomes a short, tight video. " +
  "We remove the pauses, keep every sentence, add captions, and export for YouTube. ";

function ff(args: string[]): void {
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], { stdio: ["ignore", "ignore", "inherit"] });
}

/** The 2-minute block, then MINUTES of it joined by stream copy. */
function makeSource(): string {
  fs.mkdirSync(dir, { recursive: true });
  const block = path.join(dir, "block-2min.mp4");
  if (!fs.existsSync(block)) {
    const wav = path.join(dir, "speech.wav");
    execFileSync("espeak-ng", ["-s", "150", "-w", wav, TEXT.repeat(12)]);
    ff([
      "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=120", "-i", wav,
      "-filter_complex", "[1:a]aresample=48000,apad,atrim=duration=120[a]", "-map", "0:v", "-map", "[a]",
      "-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ar", "48000", "-ac", "2", "-t", "120", block,
    ]);
  }
  const src = path.join(dir, `source-${MINUTES}min.mp4`);
  if (!fs.existsSync(src)) {
    const list = path.join(dir, `list-${MINUTES}.txt`);
    fs.writeFileSync(list, Array.from({ length: Math.ceil(MINUTES / 2) }, () => `file '${block}'`).join("\n"));
    ff(["-f", "concat", "-safe", "0", "-i", list, "-c", "copy", "-t", String(MINUTES * 60), src]);
  }
  return src;
}

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
    cues.push({ id: `c${k}`, st: st + 100, d: Math.max(200, d - 200), text: `Piece ${k + 1}: we remove the pauses`, kind: "caption", style: "classic" });
    st += d;
  }
  return draftSchema.parse({ t: [{ tt: 0, sg: video }, { tt: 7, sg: cues, m: { role: "captions" } }], d: st, m: { width: 1920, height: 1080, fps: 30 } });
}

function spec(draft: Draft): OutputSpec {
  return { ...outputSpec(draft, "youtube", false), x264Preset: PRESET };
}

/** The same edit as one decode: select/aselect keep the pieces, setpts closes the gaps, ass draws the captions. */
function handArgs(draft: Draft, src: string, out: string): string[] {
  const layout = layoutTimeline(draft, { src: recordFor(src, "video", "src") });
  const ranges = layout.items.flatMap((it) => (it.type === "clip" ? [[it.seg.in / 1000, it.seg.out / 1000]] : []));
  const expr = ranges.map(([a, b]) => `between(t,${a},${b - 0.0001})`).join("+");
  const ass = path.join(dir, `hand-${ranges.length}.ass`);
  fs.writeFileSync(ass, buildAss(layout.textTracks, 1920, 1080));
  const graph = `[0:v]select='${expr}',setpts=N/(30*TB),ass=filename=${ass},format=yuv420p[v];[0:a]aselect='${expr}',asetpts=N/SR/TB[a]`;
  const script = path.join(dir, `hand-${ranges.length}.graph`);
  fs.writeFileSync(script, graph);
  return ["-hide_banner", "-loglevel", "error", "-y", "-i", src, "-filter_complex_script", script, "-map", "[v]", "-map", "[a]", ...encodeArgs(spec(draft)), out];
}

interface StepResult {
  seconds: number;
  ffmpegMb: number;
  nodeMb: number;
  processes: number;
}

/** One measured step, run in this process (called through `flock` by main). */
async function step(kind: string, n: number, src: string): Promise<StepResult> {
  const draft = draftFor(n);
  const out = path.join(dir, `${kind}-${n}.mp4`);
  let nodePeak = rssMb(process.pid);
  const nodeTimer = setInterval(() => (nodePeak = Math.max(nodePeak, rssMb(process.pid))), 100);
  const watch = watchFfmpegRss([process.pid], 100);
  const t0 = performance.now();
  if (kind === "hand") {
    // Spawned, not spawnSync: a blocked event loop would stop the /proc sampler above.
    const child = spawn("ffmpeg", handArgs(draft, src, out), { stdio: ["ignore", "ignore", "inherit"] });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (code !== 0) throw new Error("hand command failed");
  } else {
    const media = { src: recordFor(src, "video", "src") };
    const chunked = kind.startsWith("chunks");
    await renderDraft({
      draft, media, out: spec(draft), outputPath: out,
      ...(chunked ? { chunkMs: CHUNK_S * 1000, concurrency: Number(kind.slice(-1)), chunkDir: path.join(dir, `chunks-${kind}-${n}`) } : {}),
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(nodeTimer);
  const rss = watch.stop();
  return { seconds, ffmpegMb: rss.peakSumMb, nodeMb: nodePeak, processes: rss.processes };
}

function runStep(kind: string, n: number): StepResult {
  const r = spawnSync("flock", ["/tmp/vso-heavy.lock", process.execPath, "--import", "tsx", __filename, "--step", kind, String(n)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: process.env });
  const line = r.stdout.trim().split("\n").at(-1) ?? "";
  if (r.status !== 0 || !line.startsWith("{")) throw new Error(`step ${kind} ${n} failed: ${r.stdout}`);
  return JSON.parse(line) as StepResult;
}

const fmt = (r: StepResult) => `${r.seconds.toFixed(1).padStart(7)} s ${r.ffmpegMb.toFixed(0).padStart(6)} MB`;

async function main() {
  if (process.argv[2] === "--step") {
    const src = makeSource();
    console.log(JSON.stringify(await step(process.argv[3], Number(process.argv[4]), src)));
    return;
  }
  console.log(`Source: ${MINUTES} min 1920x1080 30 fps with speech (${makeSource()}); x264 preset ${PRESET} on both sides.`);
  console.log("cuts | ours: wall, ffmpeg peak RSS | hand single-decode: wall, ffmpeg peak RSS | ratio | render process (node) RSS");
  for (const n of CUTS) {
    const ours = runStep("ours", n);
    // ffmpeg 5.1 cannot parse a select expression of a few hundred between() terms
    // ("Cannot allocate memory"): the hand-written baseline then has no number.
    let hand: StepResult | null = null;
    try {
      hand = runStep("hand", n);
    } catch {
      hand = null;
    }
    const handCol = hand ? fmt(hand) : "    ffmpeg refuses the select expression";
    const ratio = hand ? `${(ours.seconds / hand.seconds).toFixed(2)}x` : "  -  ";
    console.log(`${String(n).padStart(5)} | ${fmt(ours)} | ${handCol} | ${ratio} | ${ours.nodeMb.toFixed(0)} MB`);
  }
  const n = CUTS.at(-1)!;
  const one = runStep("chunks-1", n);
  const two = runStep("chunks-2", n);
  console.log(`chunks of ${CHUNK_S} s, ${n} cuts: one at a time ${fmt(one)} | two at a time ${fmt(two)} | ${(two.seconds / one.seconds).toFixed(2)}x`);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
