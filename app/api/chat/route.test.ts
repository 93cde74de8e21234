import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createParser } from "eventsource-parser";
import { beforeAll, describe, expect, it } from "vitest";
import type { ChatEvent } from "@/lib/events/schema";
import { multipart, webBody } from "@/tests/support/engine/test-multipart";
import { makeSpeechClip, probe } from "@/tests/support/make-media";
import { CookieJar, noParams, readTestDb, useTestServer } from "@/tests/support/test-server";

// POST /api/chat through the real route, backend, agent, analysis, transcriber, ops and
// renderer: the product's own example on a clip with 3 s of silence then speech.

useTestServer({ TRANSCRIBER: "pocketsphinx" });
let chat: typeof import("./route").POST;
let connect: typeof import("../session/route").POST;
let upload: typeof import("../upload/route").POST;

beforeAll(async () => {
  chat = (await import("./route")).POST;
  connect = (await import("../session/route")).POST;
  upload = (await import("../upload/route")).POST;
});

async function visitor(ip: string): Promise<CookieJar> {
  const jar = new CookieJar();
  jar.take(
    await connect(
      jar.request("/api/session", { method: "POST", headers: { "x-vso-client-ip": ip } }),
      noParams,
    ),
  );
  return jar;
}

async function events(res: Response): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  const parser = createParser({ onEvent: (e) => out.push(JSON.parse(e.data)) });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parser.feed(value);
  }
  return out;
}

/** RGB at (x, y) of the frame at `seconds` (a 2x2 crop: 4:2:0 video cannot be cropped to one pixel). */
function pixel(file: string, seconds: number, x: number, y: number): number[] {
  const buf = execFileSync("ffmpeg", [
    "-v",
    "error",
    "-ss",
    String(seconds),
    "-i",
    file,
    "-frames:v",
    "1",
    "-vf",
    `crop=2:2:${x}:${y},format=rgb24`,
    "-f",
    "rawvideo",
    "-",
  ]);
  return [buf[0], buf[1], buf[2]];
}

const say = (jar: CookieJar, message: unknown) =>
  chat(
    jar.request("/api/chat", {
      method: "POST",
      body: JSON.stringify({ message }),
      headers: { "content-type": "application/json" },
    }),
    noParams,
  );
const text = (ev: ChatEvent[]) => ev.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");

describe("POST /api/chat", () => {
  it("validates before opening the stream", async () => {
    const jar = await visitor("10.1.0.1");
    const res = await say(jar, "   ");
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/json/);
    expect((await res.json()).error).toMatchObject({ code: "validation", field: "message" });
  });

  it("refuses another site's page", async () => {
    const jar = await visitor("10.1.0.2");
    const res = await chat(
      jar.request("/api/chat", {
        method: "POST",
        body: '{"message":"hi"}',
        headers: { origin: "https://evil.example" },
      }),
      noParams,
    );
    expect(res.status).toBe(403);
  });

  it("streams server-sent events with the right headers", async () => {
    const jar = await visitor("10.1.0.3");
    const res = await say(jar, "how many credits do I have?");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const ev = await events(res);
    expect(ev[0]).toMatchObject({ type: "step", status: "running" });
    expect(ev.find((e) => e.type === "credits")).toMatchObject({ credits: { available: 100 } });
    expect(ev.at(-1)).toEqual({ type: "done" });
  });

  it("trim the intro, add captions, and export for YouTube: a 1920x1080 MP4 starting at the speech, with captions", async () => {
    const jar = await visitor("10.1.0.4");
    const clip = makeSpeechClip({
      text: "Hello everyone. Welcome to this short tutorial about editing video.",
      silenceSeconds: 3,
      width: 320,
      height: 240,
    });
    const body = multipart([{ name: "talk.mp4", file: clip, type: "video/mp4" }]);
    const up = await upload(
      jar.request("/api/upload", {
        method: "POST",
        body: webBody(body),
        headers: { "content-type": body.contentType },
        duplex: "half",
      } as RequestInit),
      noParams,
    );
    expect(up.status).toBe(200);

    const ev = await events(await say(jar, "trim the intro, add captions, and export for YouTube"));
    const errors = ev.filter((e) => e.type === "error");
    expect(errors).toEqual([]);
    expect(ev.filter((e) => e.type === "draft")).toHaveLength(1);
    const draft = ev.find((e) => e.type === "draft");
    if (draft?.type !== "draft") throw new Error("no draft event");
    const main = draft.draft.t.find((t) => t.tt === 0)!;
    expect(main.sg[0].in).toBeGreaterThanOrEqual(2500);
    expect(main.sg[0].in).toBeLessThanOrEqual(3400);
    const captions = draft.draft.t.find((t) => t.m.role === "captions");
    expect(captions?.m.engine).toMatch(/pocketsphinx/);
    expect(captions!.sg.length).toBeGreaterThan(0);
    expect(text(ev)).toMatch(/I cut the first [23]\.\d s/);
    expect(ev.some((e) => e.type === "tip")).toBe(true);

    const finished = ev.filter((e) => e.type === "export").at(-1);
    if (finished?.type !== "export") throw new Error("no export event");
    expect(finished.job).toMatchObject({
      status: "completed",
      preset: "youtube",
      width: 1920,
      height: 1080,
    });
    expect(finished.job.srtUrl).toBeTruthy();
    // Share links leave the stream absolute, in the event and in the reply text.
    expect(finished.job.shareUrl).toMatch(/^http:\/\/localhost:3000\/s\/shr_/);
    const reply = ev.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");
    expect(reply).toContain(finished.job.shareUrl!);
    expect(ev.at(-1)).toEqual({ type: "done" });

    const { getEngine } = await import("@/lib/server/engine");
    const engine = getEngine();
    const sessionId = readTestDb()
      .prepare("SELECT session_id AS s FROM jobs WHERE id = ?")
      .get(finished.job.id) as { s: string };
    const mp4 = engine.exports.file(sessionId.s, finished.job.id, "mp4").path;
    const out = probe(mp4);
    expect(out).toMatchObject({ width: 1920, height: 1080, videoCodec: "h264", audioCodec: "aac" });
    const source = probe(clip).duration;
    expect(out.duration).toBeGreaterThan(source - 3.6);
    expect(out.duration).toBeLessThan(source - 2.4);
    // The black intro is gone: half a second in is the test pattern (0.1 s of margin is kept before the sound).
    const [r, g, b] = pixel(mp4, 0.5, 960, 300);
    expect(r + g + b).toBeGreaterThan(60);
    const srt = fs.readFileSync(
      engine.exports.file(sessionId.s, finished.job.id, "srt").path,
      "utf8",
    );
    expect(srt).toMatch(/^1\r?\n00:00:0\d,\d{3} --> /);
  });
});
