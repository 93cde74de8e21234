// Long trims without re-encoding: `npx tsx bench/trim-long.ts` (see bench/README.md, "Long
// trims"). For each BENCH_MINUTES (default 4,15,60) a 1920x1080 30 fps source with speech
// (bench/support/speech-source.ts, cached in /tmp/vso-bench-long) loses its first and last
// minute (10 s on a 4-minute source) through the product's renderer, which takes the
// stream-copy path and writes the MP4 index into room kept at the front of the file; then,
// in the same run, the hand-written command for the same trim (`-ss -t -c copy -movflags
// +faststart`: the index moved to the front by a rewrite) and the same without
// `+faststart` (index at the end: not streamable, the floor), each BENCH_ROUNDS times
// (default 3) in a turning order. Prints the median wall time, the peak RSS of the ffmpeg
// processes and of this Node process, and the ratio against the hand command.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { draftSchema } from "@/lib/draft/schema";
import { indexAtFront } from "@/lib/engine/render/mp4-index";
import { outputSpec } from "@/lib/engine/render/presets";
import { renderDraft } from "@/lib/engine/render/render-draft";
import { recordFor } from "@/tests/support/engine/test-records";
import { rssMb, watchFfmpegRss } from "@/tests/support/peak-rss";
import { longSpeechSource } from "./support/speech-source";

const SIZES = (process.env.BENCH_MINUTES ?? "4,15,60").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const dir = "/tmp/vso-bench-long";

interface Result {
  seconds: number;
  ffmpegMb: number;
  nodeMb: number;
}

async function measure(run: () => Promise<void>): Promise<Result> {
  execFileSync("sync"); // each step starts with nothing of the one before waiting to be written
  let nodeMb = rssMb(process.pid);
  const timer = setInterval(() => (nodeMb = Math.max(nodeMb, rssMb(process.pid))), 100);
  const watch = watchFfmpegRss([process.pid], 100);
  const t0 = performance.now();
  await run();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  return { seconds, ffmpegMb: watch.stop().peakSumMb, nodeMb };
}

function ffmpeg(args: string[]): Promise<void> {
  const child = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  return new Promise((resolve, reject) =>
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${code}`)))),
  );
}

/** The run of median wall time, with the largest memory seen in any run. */
function median(rs: Result[]): Result {
  const mid = [...rs].sort((a, b) => a.seconds - b.seconds)[Math.floor(rs.length / 2)];
  return {
    seconds: mid.seconds,
    ffmpegMb: Math.max(...rs.map((r) => r.ffmpegMb)),
    nodeMb: Math.max(...rs.map((r) => r.nodeMb)),
  };
}

const fmt = (r: Result) => `${r.seconds.toFixed(1).padStart(6)} s ${r.ffmpegMb.toFixed(0)} MB`;
const gb = (file: string) => (fs.statSync(file).size / 1e9).toFixed(2);

async function main() {
  console.log(
    "minutes | size | ours (copy, index in kept room) | hand (+faststart) | ratio | index at end (floor) | node RSS",
  );
  for (const minutes of SIZES) {
    const src = longSpeechSource(minutes, dir);
    const cut = minutes >= 15 ? 60_000 : 10_000;
    const total = minutes * 60_000;
    const draft = draftSchema.parse({
      t: [
        {
          tt: 0,
          sg: [{ id: "v0", st: 0, d: total - 2 * cut, src: "src", in: cut, out: total - cut }],
        },
      ],
      d: total - 2 * cut,
      m: { width: 1920, height: 1080, fps: 30 },
    });
    const ours = path.join(dir, `trim-ours-${minutes}.mp4`);
    const hand = path.join(dir, `trim-hand-${minutes}.mp4`);
    const floor = path.join(dir, `trim-floor-${minutes}.mp4`);
    const handArgs = (out: string, index: string[]) => [
      ...["-ss", String(cut / 1000), "-t", String((total - 2 * cut) / 1000), "-i", src],
      ...["-map", "0:v:0", "-map", "0:a:0", "-c", "copy", ...index, "-f", "mp4", out],
    ];
    const media = { src: recordFor(src, "video", "src") }; // probed as at upload, not timed
    const steps: Record<"ours" | "hand" | "floor", () => Promise<void>> = {
      ours: async () => {
        const r = await renderDraft({
          draft,
          media,
          out: outputSpec(draft, "youtube", false),
          outputPath: ours,
        });
        if (r.mode !== "copy") throw new Error(`expected the stream-copy path, got ${r.mode}`);
      },
      hand: () => ffmpeg(handArgs(hand, ["-movflags", "+faststart"])),
      floor: () => ffmpeg(handArgs(floor, [])),
    };
    // The page cache and the disk's write-back move these by seconds: each runs ROUNDS
    // times, in a turning order, and the median counts.
    const runs: Record<string, Result[]> = { ours: [], hand: [], floor: [] };
    const order = ["ours", "hand", "floor"] as const;
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < order.length; k++) {
        const name = order[(k + round) % order.length];
        // Untimed: freeing the last run's gigabytes is not part of making a file.
        fs.rmSync({ ours, hand, floor }[name], { force: true });
        runs[name].push(await measure(steps[name]));
      }
    }
    const [o, h, f] = order.map((name) => median(runs[name]));
    if (process.env.BENCH_VERBOSE)
      console.log(
        JSON.stringify(runs, (k, v) => (typeof v === "number" ? Math.round(v * 10) / 10 : v)),
      );
    if (!(await indexAtFront(ours)) || !(await indexAtFront(hand)))
      throw new Error("an output's index is not at the front");
    console.log(
      `${String(minutes).padStart(7)} | ${gb(src)} GB -> ${gb(ours)} GB | ${fmt(o)} | ${fmt(h)} | ${(o.seconds / h.seconds).toFixed(2)}x | ${fmt(f)} | ${o.nodeMb.toFixed(0)} MB`,
    );
    for (const file of [ours, hand, floor]) fs.rmSync(file, { force: true });
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
