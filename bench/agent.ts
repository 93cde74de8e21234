// Agent benchmark (not part of the test suite): npx tsx bench/agent.ts
//  1. rule planner throughput over a mix of English and Chinese requests;
//  2. time to the first chat event for a request that needs no media analysis;
//  3. the product example on a generated clip (3 s of silence, then speech): time to
//     the intro, to the transcript, to the finished 1920x1080 export; the intro pass
//     against a plain decode of the same seconds (baseline from the same run).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "@/lib/config/env-schema";
import { agentDepsFromEngine } from "@/lib/engine/agent/agent-deps";
import { localFilesBody } from "@/lib/engine/agent/import-local-files";
import { runTurn } from "@/lib/engine/agent/run-turn";
import { createEngine } from "@/lib/engine/create-engine";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { emptyContext } from "@/lib/engine/planner/planner-context";
import { planWithRules } from "@/lib/engine/planner/rule-planner";
import { makeSpeechClip } from "@/tests/support/make-media";

const REQUESTS = [
  "trim the intro, add captions, and export for YouTube",
  "cut 0:05 to 0:12",
  "from 1m30 to the end",
  "speed up by 50%",
  "music at 30%",
  'add the title "Hello" at the top for the first 3 seconds',
  "make it vertical and export for tiktok",
  "remove the pauses longer than 1 second",
  "剪掉开头，加字幕，导出到抖音",
  "两倍速然后静音",
  "make it look better",
  "undo that",
];

const ms = (t: bigint) => Number(t) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const ctx = emptyContext({ durationSec: 120 });
  const n = 2000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) planWithRules(REQUESTS[i % REQUESTS.length], ctx);
  const planMs = ms(process.hrtime.bigint() - t0) / n;
  console.log(
    `1. rule planner: ${planMs.toFixed(3)} ms per request (${Math.round(1000 / planMs)} requests/s, ${n} runs)`,
  );

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-bench-agent-"));
  const engine = createEngine(
    engineConfigFromEnv(parseEnv({ ...process.env, DATA_DIR: dataDir, FREE_CREDITS: "1000" })),
  );
  const token = engine.accounts.issueToken("bench", "127.0.0.1");
  const session = engine.sessions.create(token.tokenId);
  const deps = agentDepsFromEngine(engine);
  const firsts: number[] = [];
  const texts: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = process.hrtime.bigint();
    const gen = runTurn(deps, {
      sessionId: session.id,
      tokenId: token.tokenId,
      message: i % 2 ? "how many credits do I have?" : "show tracks",
    });
    await gen.next();
    firsts.push(ms(process.hrtime.bigint() - start));
    let seen = false;
    for await (const e of gen) {
      if (e.type === "text" && !seen) {
        seen = true;
        texts.push(ms(process.hrtime.bigint() - start));
      }
    }
  }
  console.log(
    `2. no-analysis turns (credits, show tracks), 20 runs: first event (step) median ${median(firsts).toFixed(2)} ms; ` +
      `first text (after planning and database reads) median ${median(texts).toFixed(2)} ms, max ${Math.max(...texts).toFixed(2)} ms (target < 300 ms)`,
  );

  const clip = makeSpeechClip({
    text: "Hello everyone. Welcome to this short tutorial about editing video on the web.",
    silenceSeconds: 3,
    width: 640,
    height: 360,
  });
  const body = localFilesBody([clip]);
  await engine.media.upload(session.id, body.body, body.contentType);
  const marks: Record<string, number> = {};
  const start = process.hrtime.bigint();
  for await (const e of runTurn(deps, {
    sessionId: session.id,
    tokenId: token.tokenId,
    message: "trim the intro, add captions, and export for YouTube",
  })) {
    const at = ms(process.hrtime.bigint() - start);
    if (e.type === "step" && e.status === "done") marks[e.id] = at;
    if (e.type === "export" && e.job.status === "completed") marks.export = at;
    if (e.type === "error") console.log(`   error: ${e.message}`);
  }
  const total = ms(process.hrtime.bigint() - start);
  const decode0 = process.hrtime.bigint();
  execFileSync("ffmpeg", ["-v", "error", "-t", "60", "-i", clip, "-f", "null", "-"]);
  const decodeMs = ms(process.hrtime.bigint() - decode0);
  const intro0 = process.hrtime.bigint();
  await deps.findContentStart(engine.media.list(session.id)[0], {});
  const introMs = ms(process.hrtime.bigint() - intro0);
  console.log(
    `3. product example on a ${Number(execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", clip]).toString()).toFixed(1)} s 640x360 clip: ` +
      `transcript at ${(marks["listen-1"] / 1000).toFixed(1)} s, intro at ${(marks["intro-2"] / 1000).toFixed(1)} s, export done at ${(marks.export / 1000).toFixed(1)} s, total ${(total / 1000).toFixed(1)} s`,
  );
  console.log(
    `   intro analysis pass ${introMs.toFixed(0)} ms vs plain decode ${decodeMs.toFixed(0)} ms: ratio ${(introMs / decodeMs).toFixed(2)}`,
  );
  await engine.exports.idle?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
