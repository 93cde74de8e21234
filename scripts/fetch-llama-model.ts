// Fetches the local planner model before the server starts (npm run start:local with
// PLANNER=llama), so the first chat turn does not wait for it. Progress goes to stderr.
// Offline or on a bad download it says what happened and exits 1; start.sh then serves
// anyway and the rule planner answers until the model is there.
import { parseEnv } from "@/lib/config/env-schema";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { downloadLlamaModel, llamaModelPath } from "@/lib/engine/planner/llama/llama-model-file";

async function main(): Promise<void> {
  const { llama } = engineConfigFromEnv(parseEnv(process.env));
  const dest = llamaModelPath(llama);
  process.stderr.write(`Local planner model: ${dest}\n`);
  let lastPercent = -1;
  await downloadLlamaModel({ ...llama, download: true }, (p) => {
    const percent = p.ratio === null ? -1 : Math.floor(p.ratio * 100);
    if (percent === lastPercent) return;
    lastPercent = percent;
    const size = `${Math.round(p.received / 1e6)}${p.total ? ` of ${Math.round(p.total / 1e6)}` : ""} MB`;
    process.stderr.write(`\r  downloading: ${percent >= 0 ? `${percent}% ` : ""}(${size})`);
  });
  if (lastPercent >= 0) process.stderr.write("\n");
  process.stderr.write("  ready.\n");
}

main().catch((err: unknown) => {
  process.stderr.write(`\n${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
