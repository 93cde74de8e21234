// The command line for scripts and for checking the planner:
//   npm run --silent vso -- plan "<request>" [--duration SECONDS] [--aspect 16:9|9:16|1:1|4:5] [--last '<plan json>'] [--llm]
//   npm run --silent vso -- edit <inputs...> "<request>" -o out.mp4 [--data DIR] [--preset youtube]
//   npm run --silent vso -- transcript <input> [--format json|srt|txt] [--language en] [--data DIR]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { aspectSchema } from "@/lib/draft/schema";
import type { TurnEvent } from "@/lib/engine/agent/turn-event";
import { exportPresetSchema, planSchema, type ExportPreset } from "@/lib/plan/schema";
import { parseEnv } from "@/lib/config/env-schema";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { createEngine } from "@/lib/engine/create-engine";
import { agentDepsFromEngine } from "@/lib/engine/agent/agent-deps";
import { importLocalFiles } from "@/lib/engine/agent/import-local-files";
import { runTurn } from "@/lib/engine/agent/run-turn";
import { emptyContext } from "@/lib/engine/planner/planner-context";
import { pickPlanner } from "@/lib/engine/planner/pick-planner";
import { createRulePlanner } from "@/lib/engine/planner/planner";
import { defaultPreset } from "@/lib/engine/planner/detect-look";
import { formatTranscript } from "@/lib/engine/transcript-edit/format-transcript";

const USAGE = `Usage:
  vso plan "<request>" [--duration SECONDS] [--aspect 16:9] [--last '<plan json>'] [--llm]
  vso edit <inputs...> "<request>" -o out.mp4 [--data DIR] [--preset youtube]
  vso transcript <input> [--format json|srt|txt] [--language en] [--data DIR]`;

function parseArgs(argv: string[]) {
  const flags: Record<string, string | true> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-o" || a === "--out") flags.out = argv[++i];
    else if (a.startsWith("--")) {
      const [k, v] = a.slice(2).split("=", 2);
      flags[k] =
        v ?? (argv[i + 1] && !argv[i + 1].startsWith("--") && k !== "llm" ? argv[++i] : true);
    } else rest.push(a);
  }
  return { flags, rest };
}

function fail(message: string): never {
  process.stderr.write(`vso: ${message}\n`);
  process.exit(1);
}

async function plan(rest: string[], flags: Record<string, string | true>): Promise<void> {
  const request = rest.join(" ").trim();
  if (!request) fail(`say what to do.\n${USAGE}`);
  const duration = flags.duration === undefined ? undefined : Number(flags.duration);
  if (duration !== undefined && !(duration > 0))
    fail("--duration must be a number of seconds, e.g. --duration 120");
  const aspect = flags.aspect ? aspectSchema.safeParse(flags.aspect) : undefined;
  if (aspect && !aspect.success) fail("--aspect must be one of 16:9, 9:16, 1:1, 4:5");
  let lastPlan;
  if (typeof flags.last === "string") {
    const parsed = planSchema.safeParse(JSON.parse(flags.last));
    if (!parsed.success) fail("--last must be a plan as printed by this command");
    lastPlan = parsed.data;
  }
  const ctx = emptyContext({ durationSec: duration, aspect: aspect?.data ?? "16:9", lastPlan });
  // --llm: the planner PLANNER picks (a local model or an OpenAI-compatible API); else the rules.
  const planner = flags.llm
    ? pickPlanner(engineConfigFromEnv(parseEnv(process.env)))
    : createRulePlanner();
  const { plan: p } = await planner.plan(request, ctx);
  const out = {
    intent: p.intent,
    ops: p.ops,
    reply: p.reply,
    ...(p.revise ? { revise: true } : {}),
    ...(p.choices?.length ? { choices: p.choices } : {}),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

let midLine = false;
const shownPercent = new Map<string, number>();

const formatDuration = (s: number) =>
  s < 60 ? `${Math.max(1, Math.round(s))} s` : `${Math.round(s / 60)} min`;

function report(e: TurnEvent): void {
  const w = (s: string) => {
    if (midLine && e.type !== "text") process.stderr.write("\n");
    midLine = e.type === "text";
    process.stderr.write(s);
  };
  switch (e.type) {
    case "step":
      if (e.status !== "running") w(`  ${e.status === "done" ? "✓" : "✗"} ${e.label}\n`);
      else if (e.progress) {
        // One line per 5%, so a terminal log of an hour-long source stays readable.
        const pct = Math.floor(e.progress.ratio * 100);
        if (pct - (shownPercent.get(e.id) ?? -5) < 5) break;
        shownPercent.set(e.id, pct);
        const left =
          e.progress.etaSeconds === null
            ? ""
            : `, about ${formatDuration(e.progress.etaSeconds)} left`;
        w(`  … ${e.label} ${pct}%${left}\n`);
      } else w(`  … ${e.label}\n`);
      break;
    case "text":
      w(e.delta.replace(/^\s+/, midLine ? " " : ""));
      break;
    case "tip":
      w(`  tip: ${e.text}\n`);
      break;
    case "export":
      w(
        `  export ${e.job.status} ${Math.round(e.job.progress)}%${e.job.eta ? ` (about ${Math.round(e.job.eta)} s left)` : ""}\n`,
      );
      break;
    case "error":
      w(`  error: ${e.message}\n`);
      break;
    case "heartbeat":
      w(`  still working (${Math.round(e.elapsedMs / 1000)} s)\n`);
      break;
    default:
  }
}

async function edit(rest: string[], flags: Record<string, string | true>): Promise<void> {
  if (rest.length < 2) fail(`give at least one input file and a request.\n${USAGE}`);
  if (typeof flags.out !== "string") fail("say where to write the video: -o out.mp4");
  const request = rest[rest.length - 1];
  const inputs = rest.slice(0, -1).map((f) => path.resolve(f));
  for (const f of inputs) if (!fs.existsSync(f)) fail(`${f} does not exist`);
  const out = path.resolve(flags.out);
  const dataDir =
    typeof flags.data === "string"
      ? path.resolve(flags.data)
      : fs.mkdtempSync(path.join(os.tmpdir(), "vso-cli-"));
  const engine = createEngine(engineConfigFromEnv(parseEnv({ ...process.env, DATA_DIR: dataDir })));
  const issued = engine.accounts.issueToken("cli", "127.0.0.1");
  // Ctrl-C stops the work in hand (ffmpeg, speech recognition) instead of leaving it running; a second one quits at once.
  const stop = new AbortController();
  process.once("SIGINT", () => {
    process.stderr.write("\nStopping... (Ctrl-C again to quit now)\n");
    stop.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  const session = engine.sessions.create(issued.tokenId, {
    title: path.basename(out, path.extname(out)),
  });

  process.stderr.write(`Importing ${inputs.length} file${inputs.length === 1 ? "" : "s"}...\n`);
  const imported = await importLocalFiles(
    engine.media,
    session.id,
    inputs,
    path.join(dataDir, "tmp"),
    stop.signal,
  );
  for (const f of imported.failed) process.stderr.write(`  ✗ ${f.name}: ${f.error.message}\n`);
  if (imported.files.length === 0) fail("none of the inputs could be imported");
  for (const m of imported.files)
    process.stderr.write(`  ✓ ${m.name} (${(m.probe.durationMs / 1000).toFixed(1)} s)\n`);

  const deps = agentDepsFromEngine(engine);
  let exportId: string | null = null;
  let failed = false;
  for await (const e of runTurn(deps, {
    sessionId: session.id,
    tokenId: issued.tokenId,
    message: request,
    signal: stop.signal,
  })) {
    report(e);
    if (e.type === "export") exportId = e.job.id;
    if (e.type === "error") failed = true;
  }
  if (midLine) process.stderr.write("\n");
  midLine = false;
  if (stop.signal.aborted) fail("stopped.");
  if (failed) process.exit(1);
  if (!exportId) {
    // The request did not ask for an export: render the result anyway, that is what -o is for.
    const draft = engine.drafts.current(session.id).draft;
    const preset: ExportPreset =
      typeof flags.preset === "string"
        ? exportPresetSchema.parse(flags.preset)
        : defaultPreset(draft.m.aspect, draft.m.preset);
    for await (const e of runTurn(deps, {
      sessionId: session.id,
      tokenId: issued.tokenId,
      message: `export ${preset}`,
      signal: stop.signal,
    })) {
      report(e);
      if (e.type === "export") exportId = e.job.id;
    }
  }
  if (!exportId) fail("the export did not start");
  const job = engine.exports.get(session.id, exportId);
  if (job.status !== "completed") fail(job.error ?? `the export ended as ${job.status}`);
  fs.copyFileSync((await engine.exports.localFile(session.id, exportId, "mp4")).path, out);
  if (midLine) process.stderr.write("\n");
  process.stderr.write(`Wrote ${out} (${job.width}x${job.height})\n`);
  if (!flags.data) fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

/** Prints the speech of one file as timed words: the transcript editing works from. */
async function transcript(rest: string[], flags: Record<string, string | true>): Promise<void> {
  if (rest.length !== 1) fail(`give one input file.\n${USAGE}`);
  const format = flags.format ?? "json";
  if (format !== "json" && format !== "srt" && format !== "txt")
    fail("--format must be json, srt or txt");
  const input = path.resolve(rest[0]);
  if (!fs.existsSync(input)) fail(`${input} does not exist`);
  const dataDir =
    typeof flags.data === "string"
      ? path.resolve(flags.data)
      : fs.mkdtempSync(path.join(os.tmpdir(), "vso-cli-"));
  const engine = createEngine(engineConfigFromEnv(parseEnv({ ...process.env, DATA_DIR: dataDir })));
  const issued = engine.accounts.issueToken("cli", "127.0.0.1");
  const session = engine.sessions.create(issued.tokenId, { title: path.basename(input) });
  // Local files of any size, like `vso edit`.
  const imported = await importLocalFiles(
    engine.media,
    session.id,
    [input],
    path.join(dataDir, "tmp"),
  );
  if (imported.files.length === 0)
    fail(imported.failed[0]?.error.message ?? "the input could not be imported");
  const media = engine.media.list(session.id).find((m) => m.id === imported.files[0].id)!;
  process.stderr.write(
    `Listening to ${media.name} (${(media.probe.durationMs / 1000).toFixed(1)} s)...\n`,
  );
  const t = await engine.transcripts.get(media, {
    language: typeof flags.language === "string" ? flags.language : undefined,
  });
  process.stderr.write(`Heard ${t.words.length} words (${t.engine})\n`);
  for (const note of t.notes ?? []) process.stderr.write(`${note}\n`);
  process.stdout.write(formatTranscript(t, format));
  if (!flags.data) fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

async function main(): Promise<void> {
  const [command, ...argv] = process.argv.slice(2);
  const { flags, rest } = parseArgs(argv);
  if (command === "plan") return plan(rest, flags);
  if (command === "edit") return edit(rest, flags);
  if (command === "transcript") return transcript(rest, flags);
  fail(USAGE);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
