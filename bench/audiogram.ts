// Audiogram benchmark: `npx tsx bench/audiogram.ts` (BENCH_RUNS=n, default 1; best run
// counts; BENCH_SECONDS="10,30,60" the story lengths). For each length of real speech
// (JFK, looped), an audio-only story is exported for YouTube (1920x1080) by the product's
// audiogram builder, against the baseline of the same run: the main renderer drawing the
// same sound over a black picture (what an audio clip on the main track gave before).
// Both are timed, with ffmpeg's peak RSS measured by /usr/bin/time around the child.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { draftSchema, type Draft } from "@/lib/draft/schema";
import { outputSpec } from "@/lib/engine/render/presets";
import { renderDraft } from "@/lib/engine/render/render-draft";
import { recordFor } from "@/tests/support/engine/test-records";

const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const LENGTHS = (process.env.BENCH_SECONDS ?? "10,30,60").split(",").map(Number);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-audiogram-"));
const JFK = process.env.JFK_WAV ?? path.resolve(__dirname, "../../shared/media/jfk.wav");
const rssFile = path.join(dir, "rss.txt");

// ffmpeg wrapped in /usr/bin/time: the peak RSS (kB) of every run is appended to rssFile.
const wrapper = path.join(dir, "ffmpeg-timed.sh");
fs.writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/time -a -o ${rssFile} -f %M ffmpeg "$@"\n`, {
  mode: 0o755,
});

function speech(seconds: number): string {
  const file = path.join(dir, `speech-${seconds}.mp3`);
  execFileSync("ffmpeg", [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-stream_loop",
    "-1",
    "-i",
    JFK,
    "-t",
    String(seconds),
    "-c:a",
    "libmp3lame",
    "-b:a",
    "128k",
    file,
  ]);
  return file;
}

function draftOf(ms: number, audiogram: boolean): Draft {
  return draftSchema.parse({
    t: [
      { tt: 0, sg: [{ id: "v", st: 0, d: ms, src: "voice", in: 0, out: ms }], m: { role: "main" } },
    ],
    d: ms,
    // Without the marker the builder still draws an audiogram, so the baseline is the
    // main renderer called on the same timeline through its own builder (see below).
    m: {
      width: 1920,
      height: 1080,
      fps: 30,
      ...(audiogram ? { audiogram: { background: { color: "#1f1b4d" } } } : {}),
    },
  });
}

async function measure(run: () => Promise<unknown>): Promise<{ seconds: number; rssMb: number }> {
  fs.writeFileSync(rssFile, "");
  const t0 = performance.now();
  await run();
  const seconds = (performance.now() - t0) / 1000;
  const peaks = fs
    .readFileSync(rssFile, "utf8")
    .split("\n")
    .map(Number)
    .filter((n) => n > 0);
  return { seconds, rssMb: Math.max(...peaks) / 1024 };
}

async function main() {
  const { buildRenderArgs } = await import("@/lib/engine/render/build-render-args");
  const { layoutTimeline } = await import("@/lib/engine/render/layout-timeline");
  const { runFfmpeg } = await import("@/lib/engine/ffmpeg/run-ffmpeg");
  console.log(
    `Audiogram vs black-picture render, YouTube 1920x1080, ${RUNS} run(s) each, files in ${dir}`,
  );
  const rows: string[] = [];
  for (const seconds of LENGTHS) {
    const voice = recordFor(speech(seconds), "audio", "voice");
    const ms = voice.probe.durationMs;
    const out = outputSpec(draftOf(ms, true), "youtube", false);
    let best = { ours: { seconds: Infinity, rssMb: 0 }, base: { seconds: Infinity, rssMb: 0 } };
    for (let r = 0; r < RUNS; r++) {
      const ours = await measure(() =>
        renderDraft({
          draft: draftOf(ms, true),
          media: { voice },
          out,
          outputPath: path.join(dir, `ours-${seconds}.mp4`),
          ffmpegPath: wrapper,
        }),
      );
      // Baseline: the main renderer's graph for the same timeline (black picture + the sound).
      const layout = layoutTimeline(draftOf(ms, false), { voice });
      const args = buildRenderArgs({
        layout,
        out,
        outputPath: path.join(dir, `base-${seconds}.mp4`),
        assPath: null,
      });
      const base = await measure(() => runFfmpeg(args, { bin: wrapper, durationMs: ms }));
      if (ours.seconds < best.ours.seconds) best = { ...best, ours };
      if (base.seconds < best.base.seconds) best = { ...best, base };
    }
    const row = `| ${seconds} s | ${best.ours.seconds.toFixed(2)} s | ${best.ours.rssMb.toFixed(0)} MB | ${best.base.seconds.toFixed(2)} s | ${best.base.rssMb.toFixed(0)} MB | ${(best.ours.seconds / best.base.seconds).toFixed(2)} |`;
    console.log(row);
    rows.push(row);
  }
  console.log(
    "\n| story | audiogram | peak RSS | black picture (baseline) | peak RSS | time ratio |\n|---|---|---|---|---|---|",
  );
  for (const r of rows) console.log(r);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
