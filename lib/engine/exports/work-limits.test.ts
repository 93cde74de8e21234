import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { makeClip } from "@/tests/support/make-media";
import { makeLyingClip } from "@/tests/support/hostile-media";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { applyOps } from "../ops/apply-op";
import { multipart } from "@/tests/support/engine/test-multipart";
import { addMedia, setDraft, testEngine, visitor } from "@/tests/support/engine/test-engine";

// Unbounded work (issue 14, finding 1), each attack as a visitor would send it. Before:
// a header's claimed length was believed, add_clips took one id any number of times,
// speed 0.25 quadrupled a clip without a bound, a visitor could queue any number of
// exports and previews, and a render had no time limit.

const engine = testEngine(undefined, {
  FREE_CREDITS: "100",
  MAX_OUTPUT_MINUTES: "0.1", // 6 s
  MAX_SEGMENTS: "20",
  MAX_EXPORTS_PER_TOKEN: "2",
  TOKEN_RATE_LIMIT: "1000",
});
afterAll(() => engine.exports.close());

const clip = () =>
  recordFor(
    makeClip({ seconds: 2, width: 160, height: 120, fps: 25 }),
    "video",
    `med_${Math.random().toString(36).slice(2)}`,
  );
const ctxFor = (sessionId: string) => ({
  media: engine.media.list(sessionId),
  analysis: {},
  newId: () => `seg_${Math.random().toString(36).slice(2)}`,
  limits: engine.config.workLimits,
});

function filled() {
  const v = visitor(engine);
  const c = clip();
  addMedia(engine, v.sessionId, c);
  setDraft(
    engine,
    v.sessionId,
    makeDraft({
      video: [{ src: c.id, out: c.probe.durationMs }],
      m: { width: 160, height: 120, fps: 25 },
    }),
  );
  return { ...v, clip: c };
}

describe("what one timeline may ask for", () => {
  it("believes a source's packets, not a header claiming an hour", async () => {
    const v = visitor(engine);
    const body = multipart([{ name: "short.mp4", file: makeLyingClip(3600) }]);
    const { files } = await engine.media.upload(v.sessionId, body.stream, body.contentType);
    await engine.media.idle();
    expect(files).toHaveLength(1);
    expect(files[0].probe.durationMs).toBeLessThan(2000);
  });

  it("refuses add_clips repeating one id past MAX_SEGMENTS, with a sentence", () => {
    const v = filled();
    const ids = Array.from({ length: 25 }, () => v.clip.id);
    const draft = engine.drafts.current(v.sessionId).draft;
    expect(() =>
      applyOps(draft, [{ op: "add_clips", mediaIds: ids }], ctxFor(v.sessionId)),
    ).toThrow(/pieces on the timeline.*at most 20.*Take some clips or cuts off/);
  });

  it("refuses speed 0.25 when it makes the video longer than MAX_OUTPUT_MINUTES", () => {
    const v = filled();
    const draft = engine.drafts.current(v.sessionId).draft;
    expect(() =>
      applyOps(draft, [{ op: "speed", factor: 0.25 } as never], ctxFor(v.sessionId)),
    ).toThrow(/0:08 long.*at most 0:06.*Cut or trim/);
  });

  it("refuses to export a timeline over the limit (one saved before the limit was lowered)", () => {
    const v = filled();
    const c = engine.media.list(v.sessionId)[0];
    setDraft(
      engine,
      v.sessionId,
      makeDraft({
        video: [0, 1, 2, 3].map(() => ({ src: c.id, out: c.probe.durationMs })),
        m: { width: 160, height: 120, fps: 25 },
      }),
    );
    expect(() =>
      engine.exports.start(v.sessionId, v.tokenId, { preset: "youtube", preview: false }),
    ).toThrow(/at most 0:06/);
    expect(engine.accounts.balance(v.tokenId).frozen).toBe(0);
  });
});

describe("how much one visitor may queue", () => {
  it("allows MAX_EXPORTS_PER_TOKEN exports waiting or rendering, then says to wait", () => {
    const v = filled();
    engine.exports.start(v.sessionId, v.tokenId, { preset: "youtube", preview: false });
    engine.exports.start(v.sessionId, v.tokenId, { preset: "youtube", preview: false });
    expect(() =>
      engine.exports.start(v.sessionId, v.tokenId, { preset: "youtube", preview: false }),
    ).toThrow(/already have 2 exports.*Wait for one to finish/);
    expect(engine.accounts.balance(v.tokenId).frozen).toBe(10); // the refused one froze nothing
  });

  it("keeps one outstanding preview per project: a newer one replaces the older", () => {
    const v = filled();
    const ids = [0, 1, 2, 3, 4].map(
      () => engine.exports.start(v.sessionId, v.tokenId, { preset: "youtube", preview: true }).id,
    );
    const unfinished = ids.filter((id) =>
      ["pending", "processing"].includes(engine.exports.get(v.sessionId, id).status),
    );
    expect(unfinished).toEqual([ids[4]]);
  });
});

describe("render time limit", () => {
  it("stops a render that runs past its limit, fails it with a sentence and gives the credits back", async () => {
    const slow = testEngine(undefined, {
      FREE_CREDITS: "20",
      RENDER_TIMEOUT_BASE_S: "0.05",
      RENDER_TIMEOUT_FACTOR: "0",
      TOKEN_RATE_LIMIT: "1000",
    });
    const v = visitor(slow);
    const c = recordFor(
      makeClip({ seconds: 6, width: 640, height: 480, fps: 25 }),
      "video",
      "med_slow",
    );
    addMedia(slow, v.sessionId, c);
    setDraft(
      slow,
      v.sessionId,
      makeDraft({
        video: [{ src: c.id, out: c.probe.durationMs, speed: 1 }],
        text: [{ text: "Slow", kind: "caption", d: 3000 }],
        m: { width: 640, height: 480, fps: 25 },
      }),
    );
    const job = slow.exports.start(v.sessionId, v.tokenId, { preset: "1080p", preview: false });
    await slow.exports.idle();
    const done = slow.exports.get(v.sessionId, job.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/took far longer than it should.*credits were given back/);
    expect(slow.accounts.balance(v.tokenId)).toMatchObject({ available: 20, frozen: 0 });
    expect(fs.existsSync(`${slow.config.dataDir}/exports/${v.sessionId}/${job.id}`)).toBe(false);
    slow.exports.close();
  });
});
