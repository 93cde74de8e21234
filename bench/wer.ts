// Caption quality: every speech recognition engine available here transcribes the real
// recording ../shared/media/jfk.wav; prints its word error rate against the known
// transcript, its time, and both relative to pocketsphinx measured in the same run.
//   npx tsx bench/wer.ts
import path from "node:path";
import { parseEnv } from "@/lib/config/env-schema";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { createTranscribers } from "@/lib/engine/transcribe/pick-transcribers";
import { wordErrorRate } from "@/lib/engine/transcribe/word-error-rate";

const WAV = path.resolve(__dirname, "../../shared/media/jfk.wav");
const REFERENCE =
  "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.";
const AUDIO_SECONDS = 11;

interface Row {
  engine: string;
  wer: number;
  errors: number;
  seconds: number;
  text: string;
}

async function main(): Promise<void> {
  const config = engineConfigFromEnv(parseEnv(process.env));
  const rows: Row[] = [];
  for (const engine of createTranscribers(config)) {
    if (!(await engine.available())) {
      console.log(`${engine.label ?? engine.id}: not available here, skipped`);
      continue;
    }
    const started = performance.now();
    try {
      const t = await engine.transcribe(WAV, { language: "en" });
      const seconds = (performance.now() - started) / 1000;
      const text = t.words.map((w) => w.w).join(" ");
      const { wer, errors } = wordErrorRate(REFERENCE, text);
      rows.push({ engine: t.engine, wer, errors, seconds, text });
    } catch (err) {
      console.log(
        `${engine.label ?? engine.id}: failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  if (rows.length === 0) {
    console.log("No speech recognition engine is available: run `npm run setup`.");
    process.exitCode = 1;
    return;
  }

  const base = rows.find((r) => r.engine.startsWith("pocketsphinx")) ?? rows[rows.length - 1];
  console.log(
    `\nCaption quality on jfk.wav (${AUDIO_SECONDS} s, 22 reference words); baseline: ${base.engine}\n`,
  );
  console.log(
    [
      "engine".padEnd(34),
      "WER".padStart(6),
      "errors".padStart(7),
      "time s".padStart(7),
      "x realtime".padStart(11),
      "WER vs base".padStart(12),
      "time vs base".padStart(13),
    ].join(" "),
  );
  for (const r of rows) {
    console.log(
      [
        r.engine.padEnd(34),
        r.wer.toFixed(2).padStart(6),
        String(r.errors).padStart(7),
        r.seconds.toFixed(2).padStart(7),
        (r.seconds / AUDIO_SECONDS).toFixed(2).padStart(11),
        (base.wer > 0 ? (r.wer / base.wer).toFixed(2) : "-").padStart(12),
        (r.seconds / base.seconds).toFixed(2).padStart(13),
      ].join(" "),
    );
  }
  console.log("");
  for (const r of rows) console.log(`${r.engine}: "${r.text}"`);
}

void main();
