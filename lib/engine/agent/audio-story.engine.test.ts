import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env-schema";
import type { TurnEvent } from "./turn-event";
import { makeImage, probe } from "@/tests/support/make-media";
import { createEngine, type Engine } from "../create-engine";
import { engineConfigFromEnv } from "../engine-config";
import {
  audioSeconds,
  grayRegion,
  jfkSpeech,
  jfkWithCover,
  waveMoves,
} from "@/tests/support/audiogram-check";
import { waveBox } from "../render/build-audiogram-args";
import { agentDepsFromEngine, type AgentDeps } from "./agent-deps";
import { localFilesBody } from "./import-local-files";
import { runTurn } from "./run-turn";

// Podcasters on the real engine: a project with only audio and "export for YouTube" (or
// "make a 9:16 audiogram for Reels") gives a video, not "Add a clip first". The exports
// are checked on the files: H.264 in the preset's frame, the sound whole, a waveform that moves.

let engine: Engine;
let deps: AgentDeps;
let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-audio-story-"));
  engine = createEngine(engineConfigFromEnv(parseEnv({ DATA_DIR: dataDir, TRANSCRIBER: "none" })));
  deps = agentDepsFromEngine(engine);
});
afterAll(async () => {
  await engine.media.idle();
  await engine.exports.idle();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function sessionWith(files: string[]): Promise<{ sessionId: string; tokenId: string }> {
  const token = engine.accounts.issueToken("t", `10.3.0.${Math.floor(Math.random() * 200)}`);
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

describe("audio-only stories on the engine", () => {
  it.each([
    ["an mp3", "mp3", [], "export for YouTube", "youtube", 1920, 1080],
    [
      "an m4a and a cover photo",
      "m4a",
      [makeImage("png", 640, 480)],
      "make a 9:16 audiogram for Reels",
      "reels",
      1080,
      1920,
    ],
  ] as const)(
    '%s: "%s" exports an audiogram',
    async (_name, format, extra, message, preset, width, height) => {
      const voice = jfkSpeech(format);
      await exportsAnAudiogram(voice, [...extra], message, preset, width, height);
    },
  );

  it("captions when asked: made from the speech and burnt in under the waveform", async () => {
    // Its own engine with Debian's offline recogniser, so the captions come from the speech.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-audio-story-asr-"));
    const asr = createEngine(
      engineConfigFromEnv(parseEnv({ DATA_DIR: dir, TRANSCRIBER: "pocketsphinx" })),
    );
    try {
      const token = asr.accounts.issueToken("t", "10.3.1.1");
      const session = asr.sessions.create(token.tokenId);
      const { body, contentType } = localFilesBody([jfkSpeech("wav")]);
      expect((await asr.media.upload(session.id, body, contentType)).failed).toEqual([]);
      const ev: TurnEvent[] = [];
      for await (const e of runTurn(agentDepsFromEngine(asr), {
        sessionId: session.id,
        tokenId: token.tokenId,
        message: "add captions and export for YouTube",
      }))
        ev.push(e);
      expect(ev.filter((e) => e.type === "error")).toEqual([]);
      const draft = asr.drafts.current(session.id).draft;
      const captions = draft.t.find((t) => t.tt === 7 && t.m.role === "captions");
      expect(captions?.sg.length).toBeGreaterThan(0);
      // pocketsphinx hears "and so my fellow Americans" loosely: words, inside the speech, is what is checked.
      expect(captions!.m.engine).toMatch(/pocketsphinx/);
      expect(captions!.sg.map((c) => ("text" in c ? c.text : "")).join(" ")).toMatch(/\w{2,}/);
      expect(Math.max(...captions!.sg.map((c) => c.st + c.d))).toBeLessThanOrEqual(draft.d);
      await asr.exports.idle();
      const job = asr.exports.list(session.id)[0];
      expect(job).toMatchObject({ status: "completed", width: 1920, height: 1080, hasSrt: true });
      const file = asr.exports.file(session.id, job.id, "mp4").path;
      // White caption text in the bottom band, where the solid background alone has none.
      const bottom = grayRegion(file, 2, { x: 0, y: 900, w: 1920, h: 180 });
      expect(bottom.filter((v) => v > 200).length / bottom.length).toBeGreaterThan(0.002);
    } finally {
      await asr.media.idle();
      await asr.exports.idle();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an mp3 with cover art: the cover is the background", async () => {
    const file = await exportsAnAudiogram(
      jfkWithCover("red"),
      [],
      "export for YouTube",
      "youtube",
      1920,
      1080,
    );
    const corner = grayRegion(file, 1, { x: 0, y: 0, w: 160, h: 90 });
    // Red is grey ~76 (BT.601); the default background #1f1b4d is ~30.
    expect(corner.reduce((a, b) => a + b, 0) / corner.length).toBeGreaterThan(60);
  });
});

/** Uploads the files, says the message, checks the export on the file; returns its path. */
async function exportsAnAudiogram(
  voice: string,
  extra: string[],
  message: string,
  preset: string,
  width: number,
  height: number,
): Promise<string> {
  const s = await sessionWith([voice, ...extra]);
  const ev = await say(s, message);
  expect(ev.filter((e) => e.type === "error")).toEqual([]);
  expect(text(ev)).not.toMatch(/Add a clip first/);
  expect(text(ev)).toMatch(/made an audiogram of jfk-4[\w-]*\.(mp3|m4a)/);

  const exp = ev.find((e) => e.type === "export");
  expect(exp?.type === "export" && exp.job.preset).toBe(preset);
  await engine.exports.idle();
  const job = engine.exports.list(s.sessionId)[0];
  expect(job).toMatchObject({ status: "completed", width, height });
  const file = engine.exports.file(s.sessionId, job.id, "mp4").path;
  expect(probe(file)).toMatchObject({ width, height, videoCodec: "h264", audioCodec: "aac" });
  expect(Math.abs(audioSeconds(file) - 4)).toBeLessThan(0.15);
  for (const diff of waveMoves(file, waveBox(width, height), [0.6, 1.4, 2.2]))
    expect(diff).toBeGreaterThan(1);

  // One undoable version holds the audiogram, and follow-ups edit it like any clip.
  const story = engine.drafts.current(s.sessionId);
  expect(story.version).toBe(1);
  const cut = await say(s, "cut 0:01 to 0:02");
  expect(cut.filter((e) => e.type === "error")).toEqual([]);
  expect(engine.drafts.current(s.sessionId).draft.d).toBe(story.draft.d - 1000);
  return file;
}
