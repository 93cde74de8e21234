// `npm run start:local` runs this before the server: when captions would use whisper
// (TRANSCRIBER=auto or whisper) and its model is not on disk yet, it offers the one-time
// download up front, so the first "add captions" does not wait for it. Offline it says
// nothing and exits at once (the model is then fetched on first use, or pocketsphinx
// stands in). In a terminal it asks; without one (a service, a pipe) it never waits
// for an answer: `--yes` downloads, otherwise one line says how to get the model.
// Always exits 0 unless the download itself failed: the server starts either way.
import fs from "node:fs";
import readline from "node:readline/promises";
import { parseEnv } from "@/lib/config/env-schema";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { fetchModel } from "@/lib/engine/transcribe/fetch-model";
import { resolveWhisperModel } from "@/lib/engine/transcribe/whisper-model";
import { modelName } from "@/lib/engine/transcribe/whisper-transcriber";

/** How long the "are we online?" probe may take before we skip quietly. */
const PROBE_TIMEOUT_MS = 3_000;

async function online(url: string): Promise<{ size: number | null } | null> {
  try {
    const res = await fetch(url, {
      method: "HEAD",
      redirect: "follow",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    if (!res.ok) return null;
    const size = Number(res.headers.get("content-length"));
    return { size: Number.isFinite(size) && size > 0 ? size : null };
  } catch {
    return null;
  }
}

async function ask(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(question)).trim().toLowerCase();
    return answer === "" || answer.startsWith("y");
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  const config = engineConfigFromEnv(parseEnv(process.env)).transcriber;
  if (config.engine !== "auto" && config.engine !== "whisper") return;
  if (config.engine === "auto" && config.baseUrl) return; // a transcription service makes the captions
  const model = resolveWhisperModel({
    modelPath: config.whisperModel,
    modelUrl: config.whisperModelUrl,
    fetchDefault: true,
    cacheDir: config.cacheDir,
    sha256: config.whisperModelSha256,
  });
  if (fs.existsSync(model.modelPath) || !model.url) return;
  const reachable = await online(model.url);
  if (!reachable) return; // offline: quietly on, the first captions request says what happens
  const name = modelName(model.modelPath);
  const size = reachable.size ? ` (${Math.round(reachable.size / 1e6)} MB)` : "";
  const yes = process.argv.includes("--yes");
  if (!yes && !process.stdin.isTTY) {
    process.stderr.write(
      `Captions: the whisper speech model "${name}"${size} is downloaded on first use; run "npx tsx scripts/fetch-whisper-model.ts --yes" to fetch it now.\n`,
    );
    return;
  }
  if (
    !yes &&
    !(await ask(
      `Download the whisper speech model "${name}"${size} now, for better captions in 99 languages? [Y/n] `,
    ))
  ) {
    process.stderr.write("Skipped: it is downloaded the first time you ask for captions.\n");
    return;
  }
  let lastPercent = -1;
  await fetchModel({
    url: model.url,
    dest: model.modelPath,
    sha256: model.sha256,
    expectGgml: true,
    onProgress: (p) => {
      const percent = p.ratio === null ? -1 : Math.floor(p.ratio * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      process.stderr.write(
        `\r  downloading: ${percent >= 0 ? `${percent}% ` : ""}(${Math.round(p.received / 1e6)} MB)`,
      );
    },
  });
  process.stderr.write(`\n  ready: ${model.modelPath}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`\n${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
