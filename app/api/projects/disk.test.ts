import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { multipart, webBody } from "@/tests/support/engine/test-multipart";
import { makeClip } from "@/tests/support/make-media";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import {
  CookieJar,
  noParams,
  readTestDb,
  useTestServer,
  withParams,
} from "@/tests/support/test-server";

// Disk (issue 14, finding 3). Before: no per-visitor quota, no free-space check, and
// nothing was ever deleted, so one visitor could fill the disk everyone's work is on.
const clip = makeClip({ seconds: 1, width: 160, height: 120, name: "disk-clip.mp4" });
const clipBytes = fs.statSync(clip).size;
const { dataDir } = useTestServer({
  STORAGE_QUOTA_MB: String((clipBytes * 2.5) / (1024 * 1024)),
  TOKEN_RATE_LIMIT: "1000",
  FREE_CREDITS: "50",
});
let connect: typeof import("../session/route").POST;
let upload: typeof import("../upload/route").POST;
let exportsRoute: typeof import("../exports/route");
let exportOne: typeof import("../exports/[id]/route");
let project: typeof import("./[id]/route");
let engine: import("@/lib/engine/create-engine").Engine;

beforeAll(async () => {
  connect = (await import("../session/route")).POST;
  upload = (await import("../upload/route")).POST;
  exportsRoute = await import("../exports/route");
  exportOne = await import("../exports/[id]/route");
  project = await import("./[id]/route");
  engine = (await import("@/lib/server/engine")).getEngine();
});

async function visitor(ip: string) {
  const jar = new CookieJar();
  const { project: p } = await jar
    .take(
      await connect(
        jar.request("/api/session", { method: "POST", headers: { "x-vso-client-ip": ip } }),
        noParams,
      ),
    )
    .json();
  return { jar, sessionId: p.id as string };
}

function send(jar: CookieJar, name: string) {
  const body = multipart([{ name, file: clip }]);
  return upload(
    jar.request("/api/upload", {
      method: "POST",
      body: webBody(body),
      headers: { "content-type": body.contentType },
      duplex: "half",
    } as RequestInit),
    noParams,
  );
}

describe("per-visitor storage", () => {
  it("refuses uploads past STORAGE_QUOTA_MB with a sentence saying what to delete; deleting frees the room", async () => {
    const me = await visitor("10.8.0.1");
    expect((await send(me.jar, "a.mp4")).status).toBe(200);
    expect((await send(me.jar, "b.mp4")).status).toBe(200);
    // The third crosses the quota while it streams: stopped there, nothing kept.
    const third = await send(me.jar, "c.mp4");
    expect(third.status).toBe(413);
    expect((await third.json()).error.message).toMatch(
      /Delete exports you have downloaded.*then try again/,
    );
    await engine.media.idle();
    expect(engine.media.list(me.sessionId)).toHaveLength(2);

    // A fresh request is refused before a byte is stored.
    const over = await send(me.jar, "d.mp4");
    expect(over.status).toBe(413);
    expect((await over.json()).error.message).toMatch(
      /of the \d+ MB this server keeps per visitor/,
    );

    // Another visitor is not affected.
    const other = await visitor("10.8.0.2");
    expect((await send(other.jar, "mine.mp4")).status).toBe(200);

    // Deleting the project frees everything: its files are gone and the visitor goes on in a fresh one.
    const res = await project.DELETE(
      me.jar.request(`/api/projects/${me.sessionId}`, { method: "DELETE" }),
      withParams({ id: me.sessionId }),
    );
    expect(res.status).toBe(200);
    const { current } = await res.json();
    expect(current).not.toBe(me.sessionId);
    expect(fs.existsSync(path.join(dataDir, "media", me.sessionId))).toBe(false);
    me.jar.take(res);
    expect((await send(me.jar, "again.mp4")).status).toBe(200);
  });

  it("another visitor cannot delete my project", async () => {
    const me = await visitor("10.8.0.3");
    const other = await visitor("10.8.0.4");
    const res = await project.DELETE(
      other.jar.request(`/api/projects/${me.sessionId}`, { method: "DELETE" }),
      withParams({ id: me.sessionId }),
    );
    expect(res.status).toBe(404);
    expect(
      engine.sessions.get(
        readTestDb(dataDir)
          .prepare("SELECT token_id FROM sessions WHERE id = ?")
          .pluck()
          .get(me.sessionId) as string,
        me.sessionId,
      ).id,
    ).toBe(me.sessionId);
  });

  it("deletes a finished export with its files", async () => {
    const me = await visitor("10.8.0.5");
    expect((await send(me.jar, "a.mp4")).status).toBe(200);
    await engine.media.idle();
    const m = engine.media.list(me.sessionId)[0];
    engine.drafts.commit(
      me.sessionId,
      makeDraft({
        video: [{ src: m.id, out: m.probe.durationMs }],
        m: { width: 160, height: 120, fps: 25 },
      }),
      "t",
    );
    const json = {
      method: "POST",
      body: JSON.stringify({ preset: "youtube" }),
      headers: { "content-type": "application/json" },
    };
    const job = await (
      await exportsRoute.POST(me.jar.request("/api/exports", json), noParams)
    ).json();
    await engine.exports.idle();
    const dir = path.join(dataDir, "exports", me.sessionId, job.id);
    expect(fs.existsSync(dir)).toBe(true);
    const res = await exportOne.DELETE(
      me.jar.request(`/api/exports/${job.id}`, { method: "DELETE" }),
      withParams({ id: job.id }),
    );
    expect(res.status).toBe(200);
    expect(fs.existsSync(dir)).toBe(false);
    expect(
      (await exportOne.GET(me.jar.request(`/api/exports/${job.id}`), withParams({ id: job.id })))
        .status,
    ).toBe(404);
  });
});
