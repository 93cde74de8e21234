import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeClip } from "@/tests/support/make-media";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { addMedia, setDraft, testEngine, visitor } from "@/tests/support/engine/test-engine";

// Retention and free space (issue 14, finding 3): nothing was ever deleted, and a full
// disk was only noticed when writes failed.

describe("retention", () => {
  it("removes the projects of tokens expired RETENTION_DAYS ago, keeps the others, and prunes old previews", async () => {
    let now = Date.now();
    const engine = testEngine(undefined, {
      RETENTION_DAYS: "30",
      PREVIEW_RETENTION_HOURS: "1",
      FREE_CREDITS: "50",
      TOKEN_RATE_LIMIT: "1000",
    });
    const fill = (v: { sessionId: string }) => {
      const c = recordFor(
        makeClip({ seconds: 1, width: 160, height: 120, fps: 25 }),
        "video",
        `med_${v.sessionId}`,
      );
      const dir = path.join(engine.config.dataDir, "media", v.sessionId, c.id);
      fs.mkdirSync(dir, { recursive: true });
      const copy = path.join(dir, "source.mp4");
      fs.copyFileSync(c.path, copy);
      addMedia(engine, v.sessionId, { ...c, path: copy });
      setDraft(
        engine,
        v.sessionId,
        makeDraft({
          video: [{ src: c.id, out: c.probe.durationMs }],
          m: { width: 160, height: 120, fps: 25 },
        }),
      );
    };
    const gone = visitor(engine, "10.9.0.1");
    const kept = visitor(engine, "10.9.0.2");
    fill(gone);
    fill(kept);
    const exp = engine.exports.start(gone.sessionId, gone.tokenId, {
      preset: "youtube",
      preview: false,
    });
    const previews = [0, 1].map(() => {
      const p = engine.exports.start(kept.sessionId, kept.tokenId, {
        preset: "youtube",
        preview: true,
      });
      return p;
    });
    await engine.exports.idle();
    const again = engine.exports.start(kept.sessionId, kept.tokenId, {
      preset: "youtube",
      preview: true,
    });
    await engine.exports.idle();
    engine.db
      .prepare("UPDATE jobs SET updated_at = ? WHERE kind = 'preview' AND id <> ?")
      .run(now - 2 * 3_600_000, again.id);
    engine.db
      .prepare("UPDATE tokens SET expires_at = ? WHERE id = ?")
      .run(now - 31 * 86_400_000, gone.tokenId);

    // A part a failed chunked export kept for its next try (STORAGE=disk keeps them here).
    const leftover = path.join(engine.config.dataDir, "storage", "chunks", gone.sessionId);
    fs.mkdirSync(leftover, { recursive: true });
    fs.writeFileSync(path.join(leftover, "video-0000-0123456789abcdef.mp4"), "part");

    const r = await engine.retention.sweep();
    expect(r.projects).toBe(1);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(r.tokens).toBe(1);
    expect(fs.existsSync(path.join(engine.config.dataDir, "media", gone.sessionId))).toBe(false);
    expect(fs.existsSync(path.join(engine.config.dataDir, "exports", gone.sessionId, exp.id))).toBe(
      false,
    );
    expect(
      engine.db.prepare("SELECT count(*) FROM sessions WHERE id = ?").pluck().get(gone.sessionId),
    ).toBe(0);
    expect(
      engine.db
        .prepare("SELECT count(*) FROM jobs WHERE session_id = ?")
        .pluck()
        .get(gone.sessionId),
    ).toBe(0);
    // The visitor still within their time keeps everything, and their newest preview.
    expect(engine.media.list(kept.sessionId)).toHaveLength(1);
    expect(engine.exports.latestPreviewId(kept.sessionId)).toBe(again.id);
    for (const p of previews)
      expect(engine.db.prepare("SELECT count(*) FROM jobs WHERE id = ?").pluck().get(p.id)).toBe(0);
    now += 1;
    engine.exports.close();
  });
});

describe("free space", () => {
  it("refuses uploads and exports when the data disk is below MIN_FREE_DISK_MB, with a sentence", async () => {
    const engine = testEngine(undefined, {
      MIN_FREE_DISK_MB: String(1024 * 1024 * 1024),
      TOKEN_RATE_LIMIT: "1000",
    });
    const v = visitor(engine);
    const c = recordFor(
      makeClip({ seconds: 1, width: 160, height: 120, fps: 25 }),
      "video",
      "med_full",
    );
    addMedia(engine, v.sessionId, c);
    setDraft(
      engine,
      v.sessionId,
      makeDraft({
        video: [{ src: c.id, out: c.probe.durationMs }],
        m: { width: 160, height: 120, fps: 25 },
      }),
    );
    expect(() =>
      engine.exports.start(v.sessionId, v.tokenId, { preset: "youtube", preview: false }),
    ).toThrow(/running out of disk space/);
    expect(engine.accounts.balance(v.tokenId).frozen).toBe(0);
    const { multipart } = await import("@/tests/support/engine/test-multipart");
    const body = multipart([{ name: "x.mp4", file: c.path }]);
    await expect(engine.media.upload(v.sessionId, body.stream, body.contentType)).rejects.toThrow(
      /running out of disk space/,
    );
    engine.exports.close();
  });
});
