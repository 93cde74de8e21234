import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3Env, startFakeS3 } from "@/tests/support/fake-s3";
import { CookieJar, noParams, useTestServer, withParams } from "@/tests/support/test-server";
import { makeClip } from "@/tests/support/make-media";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { addMedia, setDraft } from "@/tests/support/engine/test-engine";

// The exports API with STORAGE=s3: downloads and the share link answer 302 to a
// presigned URL that the (signature-checking) fake S3 accepts; the share link needs no cookie.

const s3 = await startFakeS3();
useTestServer({
  FREE_CREDITS: "20",
  EXPORT_CREDITS: "5",
  ...s3Env(s3),
});
let connect: typeof import("../session/route").POST;
let exportsRoute: typeof import("./route");
let status: typeof import("./[id]/route").GET;
let download: typeof import("./[id]/download/route");
let shareVideo: typeof import("../share/[id]/video/route");
let engine: import("@/lib/engine/create-engine").Engine;

beforeAll(async () => {
  connect = (await import("../session/route")).POST;
  exportsRoute = await import("./route");
  status = (await import("./[id]/route")).GET;
  download = await import("./[id]/download/route");
  shareVideo = await import("../share/[id]/video/route");
  engine = (await import("@/lib/server/engine")).getEngine();
});
afterAll(() => s3.close());

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

function presigned(res: Response): URL {
  expect(res.status).toBe(302);
  const url = new URL(res.headers.get("location")!);
  expect(url.origin).toBe(s3.endpoint);
  expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
  return url;
}

describe("exports API with STORAGE=s3", () => {
  it("redirects downloads and the share video to presigned bucket URLs", async () => {
    const me = await visitor("10.2.0.1");
    const clip = recordFor(
      makeClip({ seconds: 1, width: 320, height: 240, fps: 25 }),
      "video",
      `med_${me.sessionId}`,
    );
    addMedia(engine, me.sessionId, clip);
    setDraft(
      engine,
      me.sessionId,
      makeDraft({
        video: [{ src: clip.id, out: clip.probe.durationMs }],
        text: [{ text: "Hi all", kind: "caption", d: 600 }],
        m: { width: 320, height: 240, fps: 25 },
      }),
    );
    const started = await exportsRoute.POST(
      me.jar.request("/api/exports", {
        method: "POST",
        body: JSON.stringify({ preset: "720p" }),
        headers: { "content-type": "application/json" },
      }),
      noParams,
    );
    const job = await started.json();
    await engine.exports.idle();
    const done = await (
      await status(me.jar.request(`/api/exports/${job.id}`), withParams({ id: job.id }))
    ).json();
    expect(done).toMatchObject({
      status: "completed",
      srtUrl: `/api/exports/${job.id}/download?format=srt`,
    });
    const stored = s3.objects.get(`exports/${me.sessionId}/${job.id}/video.mp4`)!;
    expect(stored.subarray(4, 8).toString()).toBe("ftyp");

    const mp4Url = presigned(
      await download.GET(
        me.jar.request(`/api/exports/${job.id}/download`),
        withParams({ id: job.id }),
      ),
    );
    expect(mp4Url.pathname).toBe(`/${s3.bucket}/exports/${me.sessionId}/${job.id}/video.mp4`);
    const ranged = await fetch(mp4Url, { headers: { range: "bytes=0-99" } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(stored.subarray(0, 100))).toBe(true);
    expect(
      presigned(
        await download.HEAD(
          me.jar.request(`/api/exports/${job.id}/download`, { method: "HEAD" }),
          withParams({ id: job.id }),
        ),
      ).pathname,
    ).toBe(mp4Url.pathname);

    const srt = await fetch(
      presigned(
        await download.GET(
          me.jar.request(`/api/exports/${job.id}/download?format=srt`),
          withParams({ id: job.id }),
        ),
      ),
    );
    expect(await srt.text()).toBe("1\n00:00:00,000 --> 00:00:00,600\nHi all\n");

    const other = await visitor("10.2.0.2");
    const denied = await download.GET(
      other.jar.request(`/api/exports/${job.id}/download`),
      withParams({ id: job.id }),
    );
    expect(denied.status).toBe(404);

    const shareId = done.shareUrl.split("/s/")[1];
    const shared = await shareVideo.GET(
      new Request(`http://localhost:3000/api/share/${shareId}/video`),
      withParams({ id: shareId }),
    );
    const video = await fetch(presigned(shared));
    expect(video.headers.get("content-type")).toBe("video/mp4");
    expect(Buffer.from(await video.arrayBuffer()).equals(stored)).toBe(true);
    const missing = await shareVideo.GET(
      new Request("http://localhost:3000/api/share/shr_nope/video"),
      withParams({ id: "shr_nope" }),
    );
    expect(missing.status).toBe(404);
  });
});
