import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env-schema";
import { isAppError } from "@/lib/errors";
import type { TurnEvent } from "./turn-event";
import { makeSpeechClip } from "@/tests/support/make-media";
import { findSilences } from "../analysis/analyze-media";
import { createEngine, type Engine } from "../create-engine";
import { engineConfigFromEnv } from "../engine-config";
import type { MediaRecord } from "../media/types";
import { agentDepsFromEngine, type AgentDeps } from "./agent-deps";
import { importLocalFiles } from "./import-local-files";
import { runTurn } from "./run-turn";

// Long analysis on the real engine: each pass reports how far it is, a second request for
// the same clip is answered from engine.analysis (proved by taking the file away: a
// re-run could not read it), and a cancel kills the ffmpeg reading the media.

let engine: Engine;
let deps: AgentDeps;
let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-long-analysis-"));
  engine = createEngine(engineConfigFromEnv(parseEnv({ DATA_DIR: dataDir, TRANSCRIBER: "none" })));
  deps = agentDepsFromEngine(engine);
});
afterAll(async () => {
  await engine.media.idle();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function sessionWith(file: string) {
  const token = engine.accounts.issueToken("t", "10.3.0.1");
  const session = engine.sessions.create(token.tokenId);
  const result = await importLocalFiles(
    engine.media,
    session.id,
    [file],
    path.join(dataDir, "tmp"),
  );
  expect(result.failed).toEqual([]);
  return { sessionId: session.id, tokenId: token.tokenId, media: result.files[0] };
}

async function say(
  s: { sessionId: string; tokenId: string },
  message: string,
): Promise<TurnEvent[]> {
  const out: TurnEvent[] = [];
  for await (const e of runTurn(deps, { sessionId: s.sessionId, tokenId: s.tokenId, message }))
    out.push(e);
  return out;
}

const steps = (ev: TurnEvent[], prefix: string) =>
  ev.flatMap((e) => (e.type === "step" && e.id.startsWith(prefix) ? [e] : []));

/** Runs `fn` with the media's file moved away: anything that reads it fails. */
async function withoutFile<T>(m: MediaRecord, fn: () => Promise<T>): Promise<T> {
  const away = `${m.path}.away`;
  fs.renameSync(m.path, away);
  try {
    return await fn();
  } finally {
    fs.renameSync(away, m.path);
  }
}

describe("long analysis", () => {
  it("reports progress while measuring pauses and finding the intro, and answers a second request from the cache", async () => {
    const clip = makeSpeechClip({
      text: "Hello. This is a talk. With pauses in it.",
      silenceSeconds: 2,
      width: 320,
      height: 240,
      name: "long-analysis.mp4",
    });
    const s = await sessionWith(clip);

    const first = await say(s, "remove the pauses");
    expect(first.filter((e) => e.type === "error")).toEqual([]);
    const progress = steps(first, "pauses").filter((e) => e.type === "step" && e.progress);
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) if (p.type === "step") expect(p.progress!.ratio).toBeGreaterThan(0);
    const found = steps(first, "pauses").at(-1);
    expect(found).toMatchObject({
      status: "done",
      label: expect.stringMatching(/^Found \d+ pauses? in long-analysis\.mp4$/),
    });

    // Same clip again, file gone: only the stored result can answer.
    const second = await withoutFile(s.media, () => say(s, "remove the pauses"));
    expect(second.filter((e) => e.type === "error")).toEqual([]);
    expect(steps(second, "pauses").at(-1)).toMatchObject({
      status: "done",
      label: (found as { label: string }).label,
    });

    const intro = await say(s, "trim the intro");
    expect(steps(intro, "intro").at(-1)).toMatchObject({ status: "done" });
    const again = await withoutFile(s.media, () => say(s, "undo"));
    expect(again.filter((e) => e.type === "error")).toEqual([]);
    const introAgain = await withoutFile(s.media, () => say(s, "trim the intro"));
    expect(introAgain.filter((e) => e.type === "error")).toEqual([]);
    expect(steps(introAgain, "intro").at(-1)).toMatchObject({
      status: "done",
      label: (steps(intro, "intro").at(-1) as { label: string }).label,
    });
  }, 120_000);

  it("stops the ffmpeg reading the media when cancelled, and stores nothing", async () => {
    // A source that keeps coming (a pipe fed a second of sound every 50 ms), so the pass
    // is surely still running when the cancel arrives.
    const fifo = path.join(dataDir, "endless.wav");
    const feeder = spawn(
      "sh",
      [
        "-c",
        `mkfifo '${fifo}' && ffmpeg -hide_banner -loglevel error -re -f lavfi -i sine=frequency=300:sample_rate=16000:duration=600 -f wav -y '${fifo}'`,
      ],
      { stdio: "ignore" },
    );
    try {
      while (!fs.existsSync(fifo)) await new Promise((r) => setTimeout(r, 20));
      const media = {
        id: "med_endless",
        path: fifo,
        kind: "audio",
        probe: { durationMs: 600_000, hasAudio: true },
      } as unknown as MediaRecord;
      const stop = new AbortController();
      const ratios: number[] = [];
      const run = deps.findSilences(media, {
        signal: stop.signal,
        onProgress: (r) => {
          ratios.push(r);
          stop.abort();
        },
      });
      const err = await run.then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAppError(err) && err.code).toBe("cancelled");
      expect(ratios.length).toBeGreaterThan(0);
      expect(engine.analysis.peek(media.id, "silences", { minSeconds: 0.3 })).toBeUndefined();
      // No ffmpeg is left reading the pipe.
      const readers = fs
        .readdirSync("/proc")
        .filter((p) => /^\d+$/.test(p) && p !== String(feeder.pid))
        .filter((p) => {
          try {
            return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes(`-i\0${fifo}`);
          } catch {
            return false;
          }
        });
      expect(readers).toEqual([]);
    } finally {
      feeder.kill("SIGKILL");
    }
  }, 60_000);

  it("reports the pass's progress from ffmpeg against the clip's duration", async () => {
    const clip = makeSpeechClip({
      text: "Progress please.",
      silenceSeconds: 1,
      width: 320,
      height: 240,
      name: "progress-direct.mp4",
    });
    const s = await sessionWith(clip);
    const ratios: number[] = [];
    await findSilences(s.media, { onProgress: (r) => ratios.push(r) });
    expect(ratios.length).toBeGreaterThan(0);
    expect(ratios.at(-1)).toBeGreaterThan(0.9);
    expect(ratios.every((r) => r >= 0 && r <= 1)).toBe(true);
  }, 60_000);
});
