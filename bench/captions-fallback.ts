// Captions on an offline machine with TRANSCRIBER=auto: what whisper's attempt to fetch
// its model adds to an "add captions" request before pocketsphinx takes over, against the
// whole request with pocketsphinx alone measured in the same run. Two ways to be offline:
// the host refuses at once (no network, DNS fails) and the host never answers (a route
// to nowhere: the 4 s connect timeout). The next request is measured too: the failure is
// remembered, so it must cost nothing. A local server stands in for the model host;
// nothing is downloaded.
//   flock /tmp/vso-heavy.lock npx tsx bench/captions-fallback.ts [seconds...]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "@/lib/config/env-schema";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { probeMedia } from "@/lib/engine/ingest/probe-media";
import type { MediaRecord } from "@/lib/engine/media/types";
import { extractAudio } from "@/lib/engine/transcribe/extract-audio";
import { openDatabase } from "@/lib/engine/store/open-database";
import { startTestServer } from "@/tests/support/engine/test-http-server";
import { createPocketsphinxTranscriber } from "@/lib/engine/transcribe/pocketsphinx-transcriber";
import { createTranscripts } from "@/lib/engine/transcribe/transcripts";
import { createWhisperTranscriber } from "@/lib/engine/transcribe/whisper-transcriber";
import { makeSpeechClip } from "@/tests/support/make-media";

const SENTENCE = "Today we look at editing a talk by its words, and how the captions are made. ";
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function record(file: string, id: string): Promise<MediaRecord> {
  const probe = await probeMedia(file);
  return {
    id,
    sessionId: "bench",
    kind: "video",
    name: path.basename(file),
    size: fs.statSync(file).size,
    path: file,
    hash: id,
    probe,
    poster: null,
    filmstrip: null,
    peaks: null,
    proxy: null,
    proxyStatus: "none",
    createdAt: 0,
  };
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const seconds = sizes.length ? sizes : [10, 30, 60];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-fallback-"));
  const config = engineConfigFromEnv(parseEnv({ DATA_DIR: dataDir }));
  const hang = await startTestServer(() => undefined); // accepts, never answers
  const rows: string[][] = [];
  for (const target of seconds) {
    // About 4.6 s of speech per sentence at espeak-ng's default rate.
    const text = SENTENCE.repeat(Math.max(1, Math.round(target / 4.6)));
    const clip = makeSpeechClip({
      text,
      silenceSeconds: 0.5,
      width: 160,
      height: 120,
      name: `fallback-${target}.mp4`,
    });
    const audio = (await probeMedia(clip)).durationMs / 1000;
    // The baseline: the whole request with pocketsphinx alone (pull the sound out, recognise).
    const alone = createTranscripts(openDatabase(":memory:"), config, {
      mode: "pocketsphinx",
      transcribers: [createPocketsphinxTranscriber()],
    });
    let t0 = performance.now();
    await alone.get(await record(clip, `alone-${target}`));
    const baseS = (performance.now() - t0) / 1000;
    rows.push([
      audio.toFixed(1),
      "pocketsphinx alone (baseline)",
      baseS.toFixed(2),
      "1.00",
      "-",
      String(rssMb()),
    ]);
    // What auto adds on top: whisper's attempt to fetch its model, before pocketsphinx takes over.
    const wav = await extractAudio(clip, { tmpDir: path.join(dataDir, "tmp") });
    for (const [how, url] of [
      ["host refuses", "http://127.0.0.1:9/ggml-base.bin"],
      ["host never answers", `${hang.url}/ggml-base.bin`],
    ] as const) {
      const whisper = createWhisperTranscriber({
        cacheDir: fs.mkdtempSync(path.join(dataDir, "models-")),
        modelUrl: url,
      });
      for (const pass of ["first request", "next request (remembered)"]) {
        t0 = performance.now();
        const said = await whisper.transcribe(wav.wavPath).then(
          () => "downloaded?!",
          (err: Error) => err.message,
        );
        const s = (performance.now() - t0) / 1000;
        rows.push([
          audio.toFixed(1),
          `+ whisper attempt, ${how}, ${pass}`,
          s.toFixed(3),
          (s / baseS).toFixed(3),
          /offline/.test(said) ? "yes" : said,
          String(rssMb()),
        ]);
      }
    }
    await wav.dispose();
  }
  await hang.close();
  console.log("| audio s | run | wall s | vs baseline | says offline | peak RSS MB |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  console.log(
    `\nPeak RSS is this process (pocketsphinx and ffmpeg run as children, not counted). Files: ${dataDir}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
