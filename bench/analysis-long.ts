// Long analysis (not part of the test suite): an hour-long source (jfk.wav looped for 60
// minutes under a small H.264 picture) through the engine's analysis, each step in its
// own hold of the heavy-job lock:
//
//   npx tsx bench/analysis-long.ts
//
//  1. baseline: a plain decode of the hour's sound (ffmpeg -vn -f null), same run;
//  2. the pauses of the whole hour (silencedetect) and the intro (first 60 s), as a chat
//     turn runs them (agentDepsFromEngine), then the same two again (served from
//     engine.analysis: the second request must not read the media);
//  3. speech recognition with pocketsphinx (the offline engine here: no whisper model can
//     be downloaded on this machine) on the first BENCH_ASR_MINUTES of the same source
//     (default "1,3"; "60" runs the whole hour), with when the first time-left estimate came
//     and what it said against the real end. Long sound is decoded in ~5-minute pieces side
//     by side (one per core); BENCH_ASR_SINGLE_MINUTES lists lengths also run as one
//     pocketsphinx over the whole WAV first (the baseline). BENCH_SKIP_ANALYSIS=1 skips step 2.
// Every row: wall time, real-time factor (time / media duration) and peak RSS of this
// process plus its children (ffmpeg, pocketsphinx), sampled from /proc every 100 ms.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "@/lib/config/env-schema";
import { agentDepsFromEngine } from "@/lib/engine/agent/agent-deps";
import { importLocalFiles } from "@/lib/engine/agent/import-local-files";
import { createProgressMeter } from "@/lib/engine/analysis/progress-meter";
import { openEngine } from "@/lib/engine/create-engine";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import type { MediaRecord } from "@/lib/engine/media/types";
import { extractAudio } from "@/lib/engine/transcribe/extract-audio";
import { createPocketsphinxTranscriber } from "@/lib/engine/transcribe/pocketsphinx-transcriber";

const LOCK = "/tmp/vso-heavy.lock";
const SOURCE_MINUTES = Number(process.env.BENCH_SOURCE_MINUTES ?? 60);
const ASR_MINUTES = (process.env.BENCH_ASR_MINUTES ?? "1,3")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
// Lengths also transcribed by one pocketsphinx run over the whole WAV (the baseline for the pieces).
const SINGLE_MINUTES = (process.env.BENCH_ASR_SINGLE_MINUTES ?? "")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const PARALLEL = Math.min(4, os.availableParallelism());
const cacheDir = path.join(os.tmpdir(), "vso-bench-analysis-cache");
const JFK = path.resolve(__dirname, "../../shared/media/jfk.wav");
const jfkPath = fs.existsSync(JFK) ? JFK : "/work/shared/media/jfk.wav";

function rssKb(pid: number | string): number {
  try {
    return Number(
      /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0,
    );
  } catch {
    return 0;
  }
}

/** Peak RSS (MB) of this process plus its direct children while `fn` runs. */
async function measured<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; seconds: number; peakMb: number }> {
  let peak = 0;
  const sample = () => {
    let kb = rssKb(process.pid);
    for (const p of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(p)) continue;
      try {
        const ppid = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ")[1];
        if (ppid === String(process.pid)) kb += rssKb(p);
      } catch {
        // gone meanwhile
      }
    }
    peak = Math.max(peak, kb);
  };
  sample();
  const timer = setInterval(sample, 100);
  const t0 = performance.now();
  try {
    const value = await fn();
    const seconds = (performance.now() - t0) / 1000;
    sample();
    return { value, seconds, peakMb: peak / 1024 };
  } finally {
    clearInterval(timer);
  }
}

function ff(args: string[]): void {
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** The same, without blocking this process (so its RSS sampler keeps running). */
function ffAsync(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    c.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
}

/**
 * The hour: a talk with pauses (jfk.wav, then 1.5 s of silence, over and over), AAC,
 * under a moving 320x180 5 fps test picture (a still one would read as a frozen intro);
 * cut copies for the ASR rows.
 */
function source(minutes: number): string {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `talk-${minutes}min-v2.mp4`);
  if (fs.existsSync(file)) return file;
  const unit = path.join(cacheDir, "jfk-pause.wav");
  ff(["-i", jfkPath, "-af", "apad=pad_dur=1.5", "-ac", "1", "-ar", "16000", unit]);
  ff([
    "-f",
    "lavfi",
    "-i",
    `testsrc2=size=320x180:rate=5:duration=${minutes * 60}`,
    "-stream_loop",
    "-1",
    "-i",
    unit,
    "-t",
    String(minutes * 60),
    "-map",
    "0:v",
    "-map",
    "1:a",
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-g",
    "50",
    "-c:a",
    "aac",
    "-b:a",
    "64k",
    "-ac",
    "1",
    "-shortest",
    file,
  ]);
  return file;
}

type Row = { what: string; mediaSeconds: number; seconds: number; peakMb: number; note?: string };

async function step(name: string): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-analysis-"));
  const { engine, db } = openEngine(
    engineConfigFromEnv(parseEnv({ DATA_DIR: dataDir, TRANSCRIBER: "pocketsphinx" })),
  );
  const deps = agentDepsFromEngine(engine);
  const token = engine.accounts.issueToken("bench", "127.0.0.1");
  const session = engine.sessions.create(token.tokenId);
  const ingest = async (file: string): Promise<MediaRecord> => {
    const r = await importLocalFiles(engine.media, session.id, [file], path.join(dataDir, "tmp"));
    if (!r.files[0]) throw new Error(r.failed[0]?.error.message ?? "import failed");
    return r.files[0];
  };
  try {
    if (name === "analysis") {
      const hour = await ingest(source(SOURCE_MINUTES));
      await engine.media.settled(hour.id);
      const secs = hour.probe.durationMs / 1000;
      const decode = await measured(() => ffAsync(["-i", hour.path, "-vn", "-f", "null", "-"]));
      const silences = await measured(() => deps.findSilences(hour, {}));
      const intro = await measured(() => deps.findContentStart(hour, {}));
      const silences2 = await measured(() => deps.findSilences(hour, {}));
      const intro2 = await measured(() => deps.findContentStart(hour, {}));
      return [
        { what: "baseline: plain decode of the sound", mediaSeconds: secs, ...decode },
        {
          what: "pauses (silencedetect, whole source)",
          mediaSeconds: secs,
          ...silences,
          note: `${silences.value.length} pauses`,
        },
        {
          what: "intro (first 60 s: silence, black, freeze, cuts)",
          mediaSeconds: secs,
          ...intro,
          note: intro.value ? intro.value.reason : "none found",
        },
        { what: "pauses again (cache)", mediaSeconds: secs, ...silences2 },
        { what: "intro again (cache)", mediaSeconds: secs, ...intro2 },
      ];
    }
    const single = name.startsWith("asr-single-");
    const minutes = Number(name.replace(/^asr-(single-)?/, ""));
    const cut = path.join(cacheDir, `talk-first-${minutes}min-v2.mp4`);
    if (!fs.existsSync(cut))
      ff(["-i", source(SOURCE_MINUTES), "-t", String(minutes * 60), "-c", "copy", cut]);
    if (single) {
      // Baseline for the pieces: one pocketsphinx over the whole WAV (what ran before), same extraction.
      const audio = await extractAudio(cut, { tmpDir: path.join(dataDir, "tmp") });
      try {
        const one = await measured(() =>
          createPocketsphinxTranscriber({ parallel: 1 }).transcribe(audio.wavPath),
        );
        return [
          {
            what: `speech, pocketsphinx, one run (baseline), first ${minutes} min`,
            mediaSeconds: minutes * 60,
            ...one,
            note: `${one.value.words.length} words`,
          },
        ];
      } finally {
        await audio.dispose();
      }
    }
    const m = await ingest(cut);
    await engine.media.settled(m.id);
    const meter = createProgressMeter({ weights: { extract: 1, transcribe: 19 }, everyMs: 0 });
    const t0 = performance.now();
    let firstEta: { at: number; eta: number } | null = null;
    let reports = 0;
    const asr = await measured(() =>
      engine.transcripts.get(m, {
        onProgress: (p) => {
          const got = meter.report(p.stage, p.ratio);
          if (!got) return;
          reports++;
          if (!firstEta && got.etaSeconds !== null && got.ratio >= 0.1)
            firstEta = { at: (performance.now() - t0) / 1000, eta: got.etaSeconds };
        },
      }),
    );
    const again = await measured(() => engine.transcripts.get(m, {}));
    const fe = firstEta as { at: number; eta: number } | null;
    const etaNote = fe
      ? `first time left at 10%+ (${fe.at.toFixed(0)} s in): ${fe.eta.toFixed(0)} s, real ${(asr.seconds - fe.at).toFixed(0)} s`
      : "no time-left estimate";
    return [
      {
        what: `speech, pocketsphinx in pieces (${PARALLEL} at once), first ${minutes} min`,
        mediaSeconds: m.probe.durationMs / 1000,
        ...asr,
        note: `${asr.value.words.length} words, ${reports} progress reports; ${etaNote}`,
      },
      {
        what: `speech again (cache), ${minutes} min`,
        mediaSeconds: m.probe.durationMs / 1000,
        ...again,
      },
    ];
  } finally {
    await engine.media.idle();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = process.env.BENCH_STEP;
  if (only) {
    // Rows without `value` (an hour's transcript is megabytes), written synchronously:
    // process.exit below would cut off an asynchronous write to the pipe.
    const rows = (await step(only)).map(({ what, mediaSeconds, seconds, peakMb, note }) => ({
      what,
      mediaSeconds,
      seconds,
      peakMb,
      note,
    }));
    fs.writeSync(1, `ROWS ${JSON.stringify(rows)}\n`);
    // The engine's queue keeps timers; this step is done and its lock must go now.
    process.exit(0);
  }
  const rows: Row[] = [];
  const steps = process.env.BENCH_SKIP_ANALYSIS ? [] : ["analysis"];
  for (const m of ASR_MINUTES)
    steps.push(...(SINGLE_MINUTES.includes(m) ? [`asr-single-${m}`] : []), `asr-${m}`);
  for (const name of steps) {
    console.log(`step ${name} (waiting for ${LOCK})...`);
    const r = spawnSync("flock", [LOCK, process.execPath, "--import", "tsx", __filename], {
      env: { ...process.env, BENCH_STEP: name },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = /^ROWS (.*)$/m.exec(r.stdout ?? "");
    if (!line) throw new Error(`step ${name} failed:\n${r.stdout}`);
    for (const row of JSON.parse(line[1]) as Row[]) {
      rows.push(row);
      console.log(
        `  ${row.what}: ${row.seconds.toFixed(2)} s, RTF ${(row.seconds / row.mediaSeconds).toFixed(4)}, peak RSS ${row.peakMb.toFixed(0)} MB${row.note ? ` (${row.note})` : ""}`,
      );
    }
  }
  const base = rows.find((r) => r.what.startsWith("baseline")) ?? rows[0];
  console.log("\n| work | media | time | real-time factor | vs plain decode | peak RSS | note |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const vs =
      r.mediaSeconds === base.mediaSeconds ? `${(r.seconds / base.seconds).toFixed(2)}x` : "";
    console.log(
      `| ${r.what} | ${(r.mediaSeconds / 60).toFixed(1)} min | ${r.seconds.toFixed(2)} s | ${(r.seconds / r.mediaSeconds).toFixed(4)} | ${vs} | ${r.peakMb.toFixed(0)} MB | ${r.note ?? ""} |`,
    );
  }
  if (!process.env.BENCH_KEEP) fs.rmSync(cacheDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
