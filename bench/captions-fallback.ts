// Captions on an offline machine with TRANSCRIBER=auto: how much longer "add captions"
// takes when whisper first tries to fetch its model, against pocketsphinx alone measured
// in the same run. Two ways to be offline: the host refuses at once (no network, DNS
// fails) and the host never answers (a route to nowhere: the 4 s connect timeout). The
// second request of each is measured too: the failure is remembered, so it must cost
// nothing. A local server stands in for the model host; nothing is downloaded.
//   flock /tmp/vso-heavy.lock npx tsx bench/captions-fallback.ts [seconds...]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "@/lib/config/env-schema";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { probeMedia } from "@/lib/engine/ingest/probe-media";
import type { MediaRecord } from "@/lib/engine/media/types";
import { openDatabase } from "@/lib/engine/store/open-database";
import { startTestServer } from "@/lib/engine/transcribe/test-http-server";
import { createPocketsphinxTranscriber } from "@/lib/engine/transcribe/pocketsphinx-transcriber";
import { createTranscripts } from "@/lib/engine/transcribe/transcripts";
import { createWhisperTranscriber } from "@/lib/engine/transcribe/whisper-transcriber";
import { makeSpeechClip } from "@/tests/support/make-media";

const SENTENCE = "Today we look at editing a talk by its words, and how the captions are made. ";
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function record(file: string, id: string): Promise<MediaRecord> {
  const probe = await probeMedia(file);
  return { id, sessionId: "bench", kind: "video", name: path.basename(file), size: fs.statSync(file).size, path: file, hash: id, probe, poster: null, filmstrip: null, peaks: null, proxy: null, proxyStatus: "none", createdAt: 0 };
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const seconds = sizes.length ? sizes : [10, 30, 60];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-fallback-"));
  const config = engineConfigFromEnv(parseEnv({ DATA_DIR: dataDir }));
  const hang = await startTestServer(() => undefined); // accepts, never answers
  const rows: string[][] = [];
  for (const target of seconds) {
    // About 2.6 s of speech per sentence at espeak-ng's default rate.
    const text = SENTENCE.repeat(Math.max(1, Math.round(target / 4.6)));
    const clip = makeSpeechClip({ text, silenceSeconds: 0.5, width: 160, height: 120, name: `fallback-${target}.mp4` });
    const time = async (label: string, mode: "pocketsphinx" | "auto", url?: string) => {
      const transcribers = [
        ...(url ? [createWhisperTranscriber({ cacheDir: fs.mkdtempSync(path.join(dataDir, "models-")), modelUrl: url })] : []),
        createPocketsphinxTranscriber(),
      ];
      const transcripts = createTranscripts(openDatabase(":memory:"), config, { mode, transcribers });
      const out: { label: string; s: number; rss: number; notes: number }[] = [];
      for (const pass of ["first", "second"]) {
        const media = await record(clip, `${label}-${pass}-${target}`);
        const t0 = performance.now();
        const t = await transcripts.get(media);
        out.push({ label: `${label}, ${pass} request`, s: (performance.now() - t0) / 1000, rss: rssMb(), notes: t.notes?.length ?? 0 });
      }
      return out;
    };
    const base = await time("pocketsphinx alone (baseline)", "pocketsphinx");
    const refused = await time("auto, host refuses", "auto", "http://127.0.0.1:9/ggml-base.bin");
    const silent = await time("auto, host never answers", "auto", `${hang.url}/ggml-base.bin`);
    const audio = (await probeMedia(clip)).durationMs / 1000;
    for (const [i, r] of [...base, ...refused, ...silent].entries()) {
      const ref = base[i % 2].s;
      rows.push([audio.toFixed(1), r.label, r.s.toFixed(2), (r.s / ref).toFixed(2), String(r.notes), String(r.rss)]);
    }
  }
  await hang.close();
  console.log("| audio s | run | wall s | vs baseline | fallback sentence | peak RSS MB |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  console.log(`\nPeak RSS is this process (pocketsphinx and ffmpeg run as children, not counted). Files: ${dataDir}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
