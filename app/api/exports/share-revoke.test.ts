import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CookieJar, noParams, useTestServer, withParams } from "@/tests/support/test-server";
import { makeClip } from "@/tests/support/make-media";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { addMedia, setDraft } from "@/tests/support/engine/test-engine";

// Share links (issue 14, finding 8): made for every export and, before, impossible to
// withdraw or to let expire. A revoked or expired link now answers 404 at once.
useTestServer({ FREE_CREDITS: "20", EXPORT_CREDITS: "5", SHARE_LINK_DAYS: "2" });
let connect: typeof import("../session/route").POST;
let exportsRoute: typeof import("./route");
let revoke: () => Promise<typeof import("./[id]/share/route").DELETE>;
let shareVideo: typeof import("../share/[id]/video/route");
let engine: import("@/lib/engine/create-engine").Engine;

beforeAll(async () => {
  connect = (await import("../session/route")).POST;
  exportsRoute = await import("./route");
  revoke = async () => (await import("./[id]/share/route")).DELETE;
  shareVideo = await import("../share/[id]/video/route");
  engine = (await import("@/lib/server/engine")).getEngine();
});
afterEach(() => vi.useRealTimers());

async function exported(ip: string) {
  const jar = new CookieJar();
  const { project } = await jar
    .take(
      await connect(
        jar.request("/api/session", { method: "POST", headers: { "x-vso-client-ip": ip } }),
        noParams,
      ),
    )
    .json();
  const clip = recordFor(
    makeClip({ seconds: 1, width: 160, height: 120, fps: 25 }),
    "video",
    `med_${project.id}`,
  );
  addMedia(engine, project.id, clip);
  setDraft(
    engine,
    project.id,
    makeDraft({
      video: [{ src: clip.id, out: clip.probe.durationMs }],
      m: { width: 160, height: 120, fps: 25 },
    }),
  );
  const body = JSON.stringify({ preset: "youtube" });
  const job = await (
    await exportsRoute.POST(
      jar.request("/api/exports", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      }),
      noParams,
    )
  ).json();
  await engine.exports.idle();
  const list = await (await exportsRoute.GET(jar.request("/api/exports"), noParams)).json();
  const shareUrl: string = list.exports.find((j: { id: string }) => j.id === job.id).shareUrl;
  return { jar, jobId: job.id as string, shareId: shareUrl.split("/s/")[1] };
}

const play = (shareId: string) =>
  shareVideo.GET(
    new Request(`http://localhost:3000/api/share/${shareId}/video`),
    withParams({ id: shareId }),
  );

describe("share links", () => {
  it("the owner withdraws a link: it answers 404 at once, and another visitor cannot withdraw it", async () => {
    const me = await exported("10.7.0.1");
    expect((await play(me.shareId)).status).toBe(200);

    const other = new CookieJar();
    other.take(
      await connect(
        other.request("/api/session", {
          method: "POST",
          headers: { "x-vso-client-ip": "10.7.0.2" },
        }),
        noParams,
      ),
    );
    const DELETE = await revoke();
    expect(
      (
        await DELETE(
          other.request(`/api/exports/${me.jobId}/share`, { method: "DELETE" }),
          withParams({ id: me.jobId }),
        )
      ).status,
    ).toBe(404);
    expect((await play(me.shareId)).status).toBe(200);

    const res = await DELETE(
      me.jar.request(`/api/exports/${me.jobId}/share`, { method: "DELETE" }),
      withParams({ id: me.jobId }),
    );
    expect(res.status).toBe(200);
    expect((await res.json()).shareUrl).toBeNull();
    expect((await play(me.shareId)).status).toBe(404);
  });

  it("a link stops working after SHARE_LINK_DAYS", async () => {
    const me = await exported("10.7.0.3");
    expect((await play(me.shareId)).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 3 * 86_400_000);
    expect((await play(me.shareId)).status).toBe(404);
  });
});
