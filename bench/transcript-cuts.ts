// Clean cut points: speech with exactly known word boundaries (bench/transcript-audio.ts)
// is transcribed by the best engine available here, chosen words are deleted through the
// transcript ops (cut_words) twice, at the recogniser's times ("raw", the baseline) and
// snapped to quiet ("snapped"), both are rendered, and the cuts are measured against the
// truth: how far each cut point is outside the true pause, kept words clipped (first or
// last 20 ms quieter by 6 dB than in the source), clicks at the joins, cuts through breaths.
//   npx tsx bench/transcript-cuts.ts [words...]     (default sizes: 24 48 96)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { emptyDraft, type Draft, type VideoTrack } from "@/lib/draft/schema";
import { parseEnv } from "@/lib/config/env-schema";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { measureEnergy } from "@/lib/engine/analysis/audio-energy";
import { runFfmpeg } from "@/lib/engine/ffmpeg/run-ffmpeg";
import { probeMedia } from "@/lib/engine/ingest/probe-media";
import type { MediaRecord } from "@/lib/engine/media/types";
import { applyOp } from "@/lib/engine/ops/apply-op";
import type { MediaAnalysis } from "@/lib/engine/ops/types";
import { renderDraft } from "@/lib/engine/render/render-draft";
import { createTranscribers } from "@/lib/engine/transcribe/pick-transcribers";
import type { TimedWord, Transcriber } from "@/lib/engine/transcribe/types";
import { isClick, makeTalk, pcm16, rmsDb, writeWav, type TruthWord } from "./transcript-audio";

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const now = () => performance.now();

interface CutPoint {
  lo: number;
  hi: number;
  at: number;
  err: number;
}

interface Measured {
  errors: number[];
  points: CutPoint[];
  clipped: number;
  clicks: number;
  breathCuts: number;
  outputMs: number;
  renderS: number;
  opMs: number;
}

/** ASR words that overlap a true word by half of either: what "that word" is in the transcript. */
function asrFor(truth: TruthWord, asr: TimedWord[]): TimedWord[] {
  return asr.filter((a) => {
    const o = Math.min(a.e, truth.e) - Math.max(a.s, truth.s);
    return o > 0 && (o >= (a.e - a.s) / 2 || o >= (truth.e - truth.s) / 2);
  });
}

const clipsOf = (d: Draft) => (d.t.find((t) => t.tt === 0) as VideoTrack).sg;

async function measure(
  draft: Draft,
  media: MediaRecord,
  source: Float32Array,
  truth: TruthWord[],
  deleted: Set<number>,
  breaths: { s: number; e: number }[],
  dir: string,
  name: string,
  opMs: number,
): Promise<Measured> {
  const clips = clipsOf(draft);
  const errors: number[] = [];
  const points: CutPoint[] = [];
  let breathCuts = 0;
  for (let k = 0; k + 1 < clips.length; k++) {
    const [a, b] = [clips[k].out, clips[k + 1].in];
    const gone = truth
      .map((t, i) => ({ t, i }))
      .filter(({ t }) => (t.s + t.e) / 2 >= a && (t.s + t.e) / 2 <= b);
    if (gone.length === 0) continue;
    const prev = truth[gone[0].i - 1];
    const next = truth[gone[gone.length - 1].i + 1];
    const outside = (x: number, lo: number, hi: number) => (x < lo ? lo - x : x > hi ? x - hi : 0);
    const start = {
      lo: prev ? prev.e : 0,
      hi: gone[0].t.s,
      at: a,
      err: outside(a, prev ? prev.e : 0, gone[0].t.s),
    };
    const end = {
      lo: gone[gone.length - 1].t.e,
      hi: next ? next.s : Infinity,
      at: b,
      err: outside(b, gone[gone.length - 1].t.e, next ? next.s : Infinity),
    };
    points.push(start, end);
    errors.push(start.err, end.err);
    breathCuts += [a, b].filter((x) => breaths.some((br) => x > br.s && x < br.e)).length;
  }
  const out = path.join(dir, `${name}.mp4`);
  const started = now();
  await renderDraft({
    draft,
    media: { [media.id]: media },
    out: {
      width: 320,
      height: 240,
      fps: 25,
      preview: true,
      x264Preset: "ultrafast",
      crf: 30,
      loudness: null,
    },
    outputPath: out,
  });
  const renderS = (now() - started) / 1000;
  const y = await pcm16(out, `${out}.raw`);
  // Where each kept word plays in the output.
  let clipped = 0;
  truth.forEach((t, i) => {
    if (deleted.has(i)) return;
    const c = clips.find((x) => t.s >= x.in - 1 && t.s < x.out);
    if (!c || t.e > c.out + 1) return void clipped++;
    // The render cuts on the frame grid, so a word can land a few ms away from where the
    // draft puts it: find it by cross-correlating its samples within ±60 ms.
    const at = locate(y, source, t, c.st + (t.s - c.in));
    const len = t.e - t.s;
    // Edges against the word's own level, in each signal: the render's gain (mono -> stereo -> mono) cancels out.
    const whole = { out: rmsDb(y, at, at + len), src: rmsDb(source, t.s, t.e) };
    const head = rmsDb(y, at, at + 20) - whole.out < rmsDb(source, t.s, t.s + 20) - whole.src - 6;
    const tail =
      rmsDb(y, at + len - 20, at + len) - whole.out < rmsDb(source, t.e - 20, t.e) - whole.src - 6;
    if (head || tail) clipped++;
  });
  const clicks = clips.slice(1).filter((c) => isClick(y, c.st)).length;
  return {
    errors,
    points,
    clipped,
    clicks,
    breathCuts,
    outputMs: clips.at(-1)!.st + clips.at(-1)!.d,
    renderS,
    opMs,
  };
}

/** Where (output ms) the true word best matches the render, searched within ±60 ms of `guess`. */
function locate(y: Float32Array, x: Float32Array, t: TruthWord, guess: number): number {
  const a = Math.round((t.s / 1000) * 16000);
  const n = Math.round(((t.e - t.s) / 1000) * 16000);
  let best = guess;
  let bestScore = -Infinity;
  for (let off = -60; off <= 60; off++) {
    const b = Math.round(((guess + off) / 1000) * 16000);
    if (b < 0 || b + n > y.length) continue;
    let dot = 0;
    for (let k = 0; k < n; k += 2) dot += x[a + k] * y[b + k];
    if (dot > bestScore) [bestScore, best] = [dot, guess + off];
  }
  return best;
}

const f1 = (n: number) => n.toFixed(1);
const pct = (xs: number[], limit: number) =>
  `${Math.round((100 * xs.filter((e) => e <= limit).length) / Math.max(1, xs.length))}%`;

async function run(words: number, dir: string) {
  const { samples, truth, breaths } = await makeTalk(words, dir);
  const wav = path.join(dir, `talk-${words}.wav`);
  writeWav(wav, samples);
  const mp4 = path.join(dir, `talk-${words}.mp4`);
  const seconds = samples.length / 16000;
  await runFfmpeg([
    "-hide_banner",
    "-v",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    `testsrc2=size=320x240:rate=25:duration=${seconds.toFixed(3)}`,
    "-i",
    wav,
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-b:a",
    "192k",
    "-ar",
    "48000",
    "-shortest",
    mp4,
  ]);
  const probe = await probeMedia(mp4);
  const media: MediaRecord = {
    id: "talk",
    sessionId: "bench",
    kind: "video",
    name: path.basename(mp4),
    size: fs.statSync(mp4).size,
    path: mp4,
    hash: `talk${words}`,
    probe,
    poster: null,
    filmstrip: null,
    peaks: null,
    proxy: null,
    proxyStatus: "none",
    createdAt: 0,
  };

  // The best engine that works here: whisper counts as available when it may fetch its
  // model on first use, and offline that download fails, so the next one takes over.
  let t0 = now();
  let transcript: Awaited<ReturnType<Transcriber["transcribe"]>> | null = null;
  for (const engine of createTranscribers(engineConfigFromEnv(parseEnv(process.env)))) {
    if (!(await engine.available())) continue;
    t0 = now();
    transcript = await engine.transcribe(wav, { language: "en" }).catch((err: unknown) => {
      console.error(
        `${engine.label ?? engine.id}: ${err instanceof Error ? err.message : String(err)} Trying the next engine.`,
      );
      return null;
    });
    if (transcript) break;
  }
  if (!transcript) throw new Error("no speech recognition engine is available here");
  const asrS = (now() - t0) / 1000;
  const asrRss = rssMb();
  t0 = now();
  const energy = (await measureEnergy(media))!;
  const energyS = (now() - t0) / 1000;

  // Delete every fourth word from the third on, and one pair, where the recogniser heard something there.
  const chosen = truth.map((_, i) => i).filter((i) => i % 4 === 2 || i === 9);
  const spans: { from: number; to: number; truth: number[] }[] = [];
  for (const i of chosen) {
    const heard = asrFor(truth[i], transcript.words);
    if (heard.length === 0) continue;
    const last = spans.at(-1);
    const from = Math.min(...heard.map((h) => h.s));
    const to = Math.max(...heard.map((h) => h.e));
    if (last && last.truth.at(-1) === i - 1)
      Object.assign(last, { to: Math.max(last.to, to), truth: [...last.truth, i] });
    else spans.push({ from, to, truth: [i] });
  }
  const deleted = new Set(spans.flatMap((s) => s.truth));
  let n = 0;
  const newId = () => `s${++n}`;
  const base = applyOp(
    emptyDraft(),
    { op: "add_clips", mediaIds: ["talk"] },
    { media: [media], analysis: {}, newId },
  ).draft;
  const op = {
    op: "cut_words" as const,
    spans: spans.map((s) => ({ from: s.from / 1000, to: s.to / 1000 })),
  };
  const asrWords: MediaAnalysis = { words: transcript.words };
  t0 = now();
  const raw = applyOp(base, op, { media: [media], analysis: { talk: asrWords }, newId }).draft;
  const rawOp = now() - t0;
  t0 = now();
  const snapped = applyOp(base, op, {
    media: [media],
    analysis: { talk: { ...asrWords, energy } },
    newId,
  }).draft;
  const snapOp = now() - t0;

  // The naive baseline: cut exactly at the recogniser's word edges (latest first, so earlier times hold).
  t0 = now();
  let edges = base;
  for (const sp of [...spans].reverse())
    edges = applyOp(
      edges,
      { op: "cut", from: sp.from / 1000, to: sp.to / 1000 },
      { media: [media], analysis: {}, newId },
    ).draft;
  const edgeOp = now() - t0;
  const edgeM = await measure(
    edges,
    media,
    samples,
    truth,
    deleted,
    breaths,
    dir,
    `edges-${words}`,
    edgeOp,
  );
  const rawM = await measure(
    raw,
    media,
    samples,
    truth,
    deleted,
    breaths,
    dir,
    `raw-${words}`,
    rawOp,
  );
  const snapM = await measure(
    snapped,
    media,
    samples,
    truth,
    deleted,
    breaths,
    dir,
    `snap-${words}`,
    snapOp,
  );
  return {
    words,
    seconds,
    engine: transcript.engine,
    heard: transcript.words.length,
    chosen: chosen.length,
    cut: deleted.size,
    asrS,
    asrRss,
    energyS,
    edge: edgeM,
    raw: rawM,
    snap: snapM,
    truth,
    spans,
  };
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((x) => x > 0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-cuts-"));
  const rows = [];
  for (const words of sizes.length ? sizes : [24, 48, 96]) {
    const r = await run(words, dir);
    rows.push(r);
    if (rows.length === 1) {
      console.log(
        `\nEvery cut point of the ${r.words}-word run, source ms. "truth" is the pause the point must fall in; "ASR edge" is where the recogniser put the word edge (the naive cut); "pause-shared" is cut_words without the loudness; "snapped" is what ships. Error in brackets (ms outside the pause).`,
      );
      console.log(
        "| cut | side | truth pause | ASR edge | pause-shared | snapped |\n|---|---|---|---|---|---|",
      );
      r.snap.points.forEach((p, k) => {
        const e = r.edge.points[k];
        const w = r.raw.points[k];
        const show = (x: CutPoint | undefined) => (x ? `${x.at} (${x.err})` : "-");
        console.log(
          `| ${Math.floor(k / 2) + 1} | ${k % 2 ? "end" : "start"} | ${p.lo}-${Number.isFinite(p.hi) ? p.hi : "end"} | ${show(e)} | ${show(w)} | ${show(p)} |`,
        );
      });
    }
  }
  console.log(
    `\nEngine: ${rows[0].engine}. Error = ms a cut point lies outside the true pause (0 = clean). Target: within 33 ms (one frame), 0 clipped words, 0 clicks.`,
  );
  console.log(
    "| words | audio s | cuts | mode | mean err ms | max err ms | within 33 ms | clipped words | clicks | cuts in a breath | op ms | render s | ASR s | envelope s | peak RSS MB |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    for (const [mode, m] of [
      ["ASR edges (baseline)", r.edge],
      ["pause-shared", r.raw],
      ["snapped", r.snap],
    ] as const) {
      const mean = m.errors.reduce((a, b) => a + b, 0) / Math.max(1, m.errors.length);
      console.log(
        `| ${r.words} | ${f1(r.seconds)} | ${m.errors.length} | ${mode} | ${f1(mean)} | ${Math.max(0, ...m.errors)} | ${pct(m.errors, 33)} | ${m.clipped} | ${m.clicks} | ${m.breathCuts} | ${f1(m.opMs)} | ${f1(m.renderS)} | ${f1(r.asrS)} | ${f1(r.energyS)} | ${r.asrRss} |`,
      );
    }
    const mean = (m: Measured) =>
      m.errors.reduce((a, b) => a + b, 0) / Math.max(1, m.errors.length);
    console.log(
      `|  |  |  | ratio snapped/baseline | ${mean(r.edge) ? (mean(r.snap) / mean(r.edge)).toFixed(2) : "-"} |  |  | ${r.edge.clipped ? (r.snap.clipped / r.edge.clipped).toFixed(2) : "-"} |  |  | ${f1(r.snap.opMs / Math.max(0.01, r.edge.opMs))} | ${f1(r.snap.renderS / Math.max(0.01, r.edge.renderS))} |  |  |  |`,
    );
  }
  console.log(
    `\nPeak RSS of this process at the end: ${rssMb()} MB (ffmpeg and pocketsphinx run as children, not counted). Files: ${dir}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
