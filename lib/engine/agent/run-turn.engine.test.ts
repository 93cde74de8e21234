import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env-schema";
import type { TurnEvent } from "./turn-event";
import { makeSpeechClip } from "@/tests/support/make-media";
import { createEngine, type Engine } from "../create-engine";
import { engineConfigFromEnv } from "../engine-config";
import { agentDepsFromEngine, type AgentDeps } from "./agent-deps";
import { localFilesBody } from "./import-local-files";
import { runTurn } from "./run-turn";

// Batch requests on the real engine (ingest, ffmpeg analysis, ops, draft store): each
// clip gets its own intro found, one clip can be named, and pauses are measured.

let engine: Engine;
let deps: AgentDeps;
let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-agent-engine-"));
  engine = createEngine(engineConfigFromEnv(parseEnv({ DATA_DIR: dataDir, TRANSCRIBER: "none" })));
  deps = agentDepsFromEngine(engine);
});
afterAll(async () => {
  await engine.media.idle();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function sessionWith(files: string[]): Promise<{ sessionId: string; tokenId: string }> {
  const token = engine.accounts.issueToken("t", `10.2.0.${Math.floor(Math.random() * 200)}`);
  const session = engine.sessions.create(token.tokenId);
  const { body, contentType } = localFilesBody(files);
  const result = await engine.media.upload(session.id, body, contentType);
  expect(result.failed).toEqual([]);
  return { sessionId: session.id, tokenId: token.tokenId };
}

async function say(
  s: { sessionId: string; tokenId: string },
  message: string,
): Promise<TurnEvent[]> {
  const out: TurnEvent[] = [];
  for await (const e of runTurn(deps, { ...s, message })) out.push(e);
  return out;
}

const text = (ev: TurnEvent[]) => ev.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");

describe("runTurn on the engine", () => {
  it("finds each clip's own intro for 'for each clip, trim the intro'", async () => {
    const a = makeSpeechClip({
      text: "First clip speaking now",
      silenceSeconds: 1,
      width: 320,
      height: 240,
      name: "a-intro1.mp4",
    });
    const b = makeSpeechClip({
      text: "Second clip speaking now",
      silenceSeconds: 2.5,
      width: 320,
      height: 240,
      name: "b-intro25.mp4",
    });
    const s = await sessionWith([a, b]);
    const ev = await say(s, "for each clip, trim the intro");
    expect(ev.filter((e) => e.type === "error")).toEqual([]);
    const main = engine.drafts.current(s.sessionId).draft.t.find((t) => t.tt === 0)!;
    expect(main.sg).toHaveLength(2);
    expect(main.sg[0].in).toBeGreaterThanOrEqual(800);
    expect(main.sg[0].in).toBeLessThanOrEqual(1100);
    expect(main.sg[1].in).toBeGreaterThanOrEqual(2300);
    expect(main.sg[1].in).toBeLessThanOrEqual(2600);
    expect(
      ev.filter((e) => e.type === "step" && e.id.startsWith("intro") && e.status === "done"),
    ).toHaveLength(2);
    expect(engine.drafts.current(s.sessionId).version).toBe(1);

    // A follow-up on one clip by position leaves the other alone.
    const next = await say(s, "make the second clip black and white");
    expect(next.filter((e) => e.type === "error")).toEqual([]);
    const after = engine.drafts.current(s.sessionId).draft.t.find((t) => t.tt === 0)!.sg;
    expect(after.map((c) => ("color" in c ? c.color : null))).toEqual(["none", "bw"]);
  });

  it("removes the pauses measured with silencedetect", async () => {
    const clip = makeSpeechClip({
      text: "One. Two. Three.",
      silenceSeconds: 2,
      width: 320,
      height: 240,
      name: "pauses.mp4",
    });
    const s = await sessionWith([clip]);
    const before = engine.media.list(s.sessionId)[0].probe.durationMs;
    const ev = await say(s, "remove the pauses");
    expect(ev.filter((e) => e.type === "error")).toEqual([]);
    expect(
      ev.some((e) => e.type === "step" && /^Found \d+ pauses? in pauses\.mp4/.test(e.label)),
    ).toBe(true);
    const d = engine.drafts.current(s.sessionId).draft.d;
    expect(d).toBeLessThan(before - 1500);
    expect(d).toBeGreaterThan(500);
  });

  it("says clearly that captions need a speech engine when none is set up", async () => {
    const clip = makeSpeechClip({
      text: "No engine here",
      silenceSeconds: 1,
      width: 320,
      height: 240,
      name: "noasr.mp4",
    });
    const s = await sessionWith([clip]);
    const ev = await say(s, "add captions");
    const err = ev.find((e) => e.type === "error");
    expect(err?.type === "error" && err.message).toMatch(/speech|caption|SRT/i);
    expect(engine.drafts.current(s.sessionId).version).toBe(0);
    expect(text(ev)).toMatch(/add captions/);
  });
  it("gives each clip its own export for 'export each clip for TikTok'", async () => {
    const { makeClip, probe } = await import("@/tests/support/make-media");
    const a = makeClip({ seconds: 1, width: 320, height: 240, name: "batch-a.mp4" });
    const b = makeClip({ seconds: 2, width: 320, height: 240, name: "batch-b.mp4" });
    const s = await sessionWith([a, b]);
    await say(s, "add all clips to the timeline");
    const ev = await say(s, "export each clip for TikTok");
    expect(ev.filter((e) => e.type === "error")).toEqual([]);
    const jobs = engine.exports.list(s.sessionId);
    expect(jobs.map((j) => j.name).sort()).toEqual(["batch-a.mp4", "batch-b.mp4"]);
    expect(
      jobs.every((j) => j.status === "completed" && j.width === 1080 && j.height === 1920),
    ).toBe(true);
    const lengths = jobs
      .sort((x, y) => (x.name! < y.name! ? -1 : 1))
      .map((j) => probe(engine.exports.file(s.sessionId, j.id, "mp4").path).duration);
    expect(lengths[0]).toBeCloseTo(1, 0);
    expect(lengths[1]).toBeCloseTo(2, 0);
    expect(text(ev)).toMatch(/2 clips, each on its own/);
  });
});
