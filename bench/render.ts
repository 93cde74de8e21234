// Render benchmark: `npx tsx bench/render.ts` (BENCH_RUNS=n, default 2; best run counts).
// On a generated 30 s 1920x1080 30 fps clip with espeak-ng speech, each export made by
// the product's renderer is timed against the best single hand-written ffmpeg command
// producing the same output, in the same run, alternating so machine load hits both:
//   1. trim + burned-in captions + YouTube 1080p export  (target <= 1.15x)
//   2. trim-only export vs `ffmpeg -ss .. -t .. -c copy`  (target <= 2x)
//   3. 9:16 blurred-fill export vs the same filtergraph by hand (ratio printed)
// Both sides use the same x264 preset/CRF, audio settings and ASS file.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { draftSchema, type Draft } from "@/lib/draft/schema";
import { buildAss } from "@/lib/engine/render/build-ass";
import { planFit } from "@/lib/engine/render/clip-filters";
import { encodeArgs } from "@/lib/engine/render/build-render-args";
import { outputSpec } from "@/lib/engine/render/presets";
import { renderDraft } from "@/lib/engine/render/render-draft";
import { recordFor } from "@/tests/support/engine/test-records";
import { speechSourceArgs } from "./support/speech-source";

const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-render-"));
const IN = 5000;
const OUT = 25000;

const TEXT =
  "Welcome to this short tutorial. Today we will trim a recording, add captions, and export it for YouTube. " +
  "First, drop your clip on the page. Then type what you want in plain words. The editor changes the timeline, " +
  "shows you a preview, and explains how to do each step by hand. When you are happy, export the video and share the link.";

function ff(args: string[]): void {
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

function makeSource(): string {
  const wav = path.join(dir, "speech.wav");
  execFileSync("espeak-ng", ["-s", "150", "-w", wav, TEXT]);
  const src = path.join(dir, "source-1080p30.mp4");
  ff(speechSourceArgs(wav, 30, src));
  return src;
}

/** Captions from a fixed word list (no speech recogniser): 5 words per cue, 2 s apart. */
function captionCues(): Record<string, unknown>[] {
  const words = TEXT.split(/\s+/);
  const cues: Record<string, unknown>[] = [];
  for (let i = 0, t = 0; i < words.length && t < OUT - IN; i += 5, t += 2000) {
    cues.push({
      id: `c${i}`,
      st: t,
      d: 1900,
      text: words.slice(i, i + 5).join(" "),
      kind: "caption",
      style: "classic",
    });
  }
  return cues;
}

function draftFor(opts: { captions?: boolean; fit?: "blur" }): Draft {
  const t: unknown[] = [
    { tt: 0, sg: [{ id: "v", st: 0, d: OUT - IN, src: "src", in: IN, out: OUT }] },
  ];
  if (opts.captions) t.push({ tt: 7, sg: captionCues(), m: { role: "captions" } });
  return draftSchema.parse({
    t,
    d: OUT - IN,
    m: { width: 1920, height: 1080, fps: 30, fit: opts.fit ?? "pad" },
  });
}

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function main() {
  console.log(`Generating the 30 s 1920x1080 30 fps source with espeak-ng speech in ${dir} ...`);
  const src = makeSource();
  const media = { src: recordFor(src, "video", "src") };
  const seek = ["-ss", String(IN / 1000), "-t", String((OUT - IN) / 1000), "-i", src];

  const captioned = draftFor({ captions: true });
  const youtube = outputSpec(captioned, "youtube", false);
  const assFile = path.join(dir, "hand.ass");
  const textTracks = captioned.t.filter((t) => t.tt === 7) as Parameters<typeof buildAss>[0];
  fs.writeFileSync(assFile, buildAss(textTracks, 1920, 1080));

  const vertical = draftFor({ fit: "blur" });
  const shorts = outputSpec(vertical, "shorts", false);
  const fit = planFit(1920, 1080, 1080, 1920, "blur");
  if (fit.kind !== "blur") throw new Error("expected a blur plan");
  const blurGraph = `[0:v]split=2[bg][fg];[bg]${fit.background.join(",")}[bgs];[fg]${fit.foreground.join(",")}[fgs];[bgs][fgs]${fit.overlay}[v]`;

  const cases = [
    {
      name: "1. trim + captions + YouTube 1080p",
      target: 1.15,
      ours: () =>
        renderDraft({
          draft: captioned,
          media,
          out: youtube,
          outputPath: path.join(dir, "ours-1.mp4"),
        }),
      hand: () =>
        ff([
          ...seek,
          "-vf",
          `ass=${assFile}`,
          ...encodeArgs(youtube),
          path.join(dir, "hand-1.mp4"),
        ]),
    },
    {
      name: "2. trim only (stream copy)",
      target: 2,
      ours: () =>
        renderDraft({
          draft: draftFor({}),
          media,
          out: youtube,
          outputPath: path.join(dir, "ours-2.mp4"),
        }),
      hand: () => ff([...seek, "-c", "copy", path.join(dir, "hand-2.mp4")]),
    },
    {
      name: "3. 9:16 blurred fill (1080x1920)",
      target: null,
      ours: () =>
        renderDraft({
          draft: vertical,
          media,
          out: shorts,
          outputPath: path.join(dir, "ours-3.mp4"),
        }),
      hand: () =>
        ff([
          ...seek,
          "-filter_complex",
          blurGraph,
          "-map",
          "[v]",
          "-map",
          "0:a",
          ...encodeArgs(shorts),
          path.join(dir, "hand-3.mp4"),
        ]),
    },
  ];

  const rows: string[] = [];
  for (const c of cases) {
    const ours: number[] = [];
    const hand: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate the order so neither side always runs on a warmer cache.
      if (i % 2 === 0) {
        hand.push(await time(c.hand));
        ours.push(await time(c.ours));
      } else {
        ours.push(await time(c.ours));
        hand.push(await time(c.hand));
      }
    }
    const o = Math.min(...ours);
    const h = Math.min(...hand);
    const ratio = o / h;
    const verdict =
      c.target === null
        ? ""
        : ratio <= c.target
          ? `  (target <= ${c.target}: ok)`
          : `  (target <= ${c.target}: OVER)`;
    const line = `${c.name.padEnd(38)} ours ${o.toFixed(2)} s   hand ${h.toFixed(2)} s   ratio ${ratio.toFixed(2)}${verdict}`;
    console.log(line);
    rows.push(line);
  }
  const probe = (f: string) =>
    execFileSync(
      "ffprobe",
      [
        "-v",
        "error",
        "-show_entries",
        "format=duration:stream=codec_name,width,height",
        "-of",
        "compact",
        f,
      ],
      { encoding: "utf8" },
    )
      .trim()
      .replace(/\n/g, " | ");
  for (const n of [1, 2, 3])
    console.log(
      `output ${n}: ours ${probe(path.join(dir, `ours-${n}.mp4`))}\n          hand ${probe(path.join(dir, `hand-${n}.mp4`))}`,
    );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
