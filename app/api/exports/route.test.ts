import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, noParams, useTestServer, withParams } from "@/tests/support/test-server";
import { makeClip } from "@/tests/support/make-media";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { addMedia, setDraft } from "@/tests/support/engine/test-engine";

useTestServer({ FREE_CREDITS: "20", EXPORT_CREDITS: "5" });
let connect: typeof import("../session/route").POST;
let exportsRoute: typeof import("./route");
let status: typeof import("./[id]/route").GET;
let cancel: typeof import("./[id]/cancel/route").POST;
let download: typeof import("./[id]/download/route");
let shareVideo: typeof import("../share/[id]/video/route");
let state: typeof import("../state/route").GET;
let engine: import("@/lib/engine/create-engine").Engine;

beforeAll(async () => {
  connect = (await import("../session/route")).POST;
  exportsRoute = await import("./route");
  status = (await import("./[id]/route")).GET;
  cancel = (await import("./[id]/cancel/route")).POST;
  download = await import("./[id]/download/route");
  shareVideo = await import("../share/[id]/video/route");
  state = (await import("../state/route")).GET;
  engine = (await import("@/lib/server/engine")).getEngine();
});

const post = (jar: CookieJar, url: string, body?: unknown) =>
  jar.request(url, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });

async function visitor(ip: string) {
  const jar = new CookieJar();
  const res = jar.take(
    await connect(
      jar.request("/api/session", { method: "POST", headers: { "x-vso-client-ip": ip } }),
      noParams,
    ),
  );
  const { project } = await res.json();
  return { jar, sessionId: project.id as string };
}

function fillTimeline(sessionId: string) {
  const clip = recordFor(
    makeClip({ seconds: 1, width: 320, height: 240, fps: 25 }),
    "video",
    `med_${sessionId}`,
  );
  addMedia(engine, sessionId, clip);
  setDraft(
    engine,
    sessionId,
    makeDraft({
      video: [{ src: clip.id, out: clip.probe.durationMs }],
      text: [{ text: "Hi all", kind: "caption", d: 600 }],
      m: { width: 320, height: 240, fps: 25 },
    }),
  );
}

describe("exports API", () => {
  it("exports, reports, downloads with Range, shares without the cookie, and hides jobs from other visitors", async () => {
    const me = await visitor("10.1.0.1");
    const empty = await exportsRoute.POST(
      post(me.jar, "/api/exports", { preset: "youtube" }),
      noParams,
    );
    expect(empty.status).toBe(422);
    expect((await empty.json()).error.message).toMatch(/timeline is empty/);

    const bad = await exportsRoute.POST(post(me.jar, "/api/exports", { preset: "vhs" }), noParams);
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.field).toBe("preset");

    fillTimeline(me.sessionId);
    const started = await exportsRoute.POST(
      post(me.jar, "/api/exports", { preset: "720p" }),
      noParams,
    );
    expect(started.status).toBe(202);
    const job = await started.json();
    expect(job).toMatchObject({ status: "pending", preset: "720p", width: 1280, height: 720 });
    await engine.exports.idle();

    const done = await (
      await status(me.jar.request(`/api/exports/${job.id}`), withParams({ id: job.id }))
    ).json();
    expect(done.status).toBe("completed");
    expect(done.shareUrl).toMatch(/^http:\/\/localhost:3000\/s\/shr_/);
    const list = await (await exportsRoute.GET(me.jar.request("/api/exports"), noParams)).json();
    expect(list.exports.map((j: { id: string }) => j.id)).toEqual([job.id]);

    const ranged = await download.GET(
      me.jar.request(`/api/exports/${job.id}/download`, { headers: { range: "bytes=0-99" } }),
      withParams({ id: job.id }),
    );
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-type")).toBe("video/mp4");
    expect(ranged.headers.get("content-range")).toMatch(/^bytes 0-99\/\d+$/);
    expect(ranged.headers.get("content-disposition")).toMatch(
      /^attachment; filename="Untitled-project-720p.mp4"/,
    );
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);

    const srt = await download.GET(
      me.jar.request(`/api/exports/${job.id}/download?format=srt`),
      withParams({ id: job.id }),
    );
    expect(await srt.text()).toBe("1\n00:00:00,000 --> 00:00:00,600\nHi all\n");
    const wrong = await download.GET(
      me.jar.request(`/api/exports/${job.id}/download?format=avi`),
      withParams({ id: job.id }),
    );
    expect(wrong.status).toBe(422);

    const other = await visitor("10.1.0.2");
    for (const res of [
      await status(other.jar.request(`/api/exports/${job.id}`), withParams({ id: job.id })),
      await download.GET(
        other.jar.request(`/api/exports/${job.id}/download`),
        withParams({ id: job.id }),
      ),
      await cancel(post(other.jar, `/api/exports/${job.id}/cancel`), withParams({ id: job.id })),
    ]) {
      expect(res.status).toBe(404);
      expect((await res.json()).error.message).toMatch(/not found/);
    }

    const shareId = done.shareUrl.split("/s/")[1];
    const anon = new Request(`http://localhost:3000/api/share/${shareId}/video`, {
      headers: { range: "bytes=10-" },
    });
    const shared = await shareVideo.GET(anon, withParams({ id: shareId }));
    expect(shared.status).toBe(206);
    expect(shared.headers.get("content-disposition")).toMatch(/^inline/);
    const head = await shareVideo.HEAD(
      new Request(`http://localhost:3000/api/share/${shareId}/video?download=1`, {
        method: "HEAD",
      }),
      withParams({ id: shareId }),
    );
    expect(head.headers.get("content-disposition")).toMatch(/^attachment/);
    const missing = await shareVideo.GET(
      new Request("http://localhost:3000/api/share/shr_nope/video"),
      withParams({ id: "shr_nope" }),
    );
    expect(missing.status).toBe(404);
  });

  it("cancels, and shows the latest preview in the session state", async () => {
    const me = await visitor("10.1.0.3");
    fillTimeline(me.sessionId);
    const job = await (
      await exportsRoute.POST(post(me.jar, "/api/exports", { preset: "youtube" }), noParams)
    ).json();
    const cancelled = await (
      await cancel(post(me.jar, `/api/exports/${job.id}/cancel`), withParams({ id: job.id }))
    ).json();
    expect(cancelled.status).toBe("cancelled");

    const preview = await (
      await exportsRoute.POST(
        post(me.jar, "/api/exports", { preset: "youtube", preview: true }),
        noParams,
      )
    ).json();
    await engine.exports.idle();
    const view = await (await state(me.jar.request("/api/state"), noParams)).json();
    expect(view.previewUrl).toBe(`/api/exports/${preview.id}/download?inline=1`);
    expect(view.exports.map((j: { status: string }) => j.status)).toEqual(["cancelled"]);
    const inline = await download.GET(
      me.jar.request(view.previewUrl),
      withParams({ id: preview.id }),
    );
    expect(inline.headers.get("content-disposition")).toMatch(/^inline/);
  });
});
