import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, noParams, useTestServer } from "@/tests/support/test-server";
import { makeClip } from "@/tests/support/make-media";
import { multipart, webBody } from "@/tests/support/engine/test-multipart";

// POST /api/state/ops through the real route: upload a clip, put it on the timeline,
// edit it, undo, and the refusals a studio user can meet.

useTestServer();
let connect: typeof import("../../session/route").POST;
let upload: typeof import("../../upload/route").POST;
let ops: typeof import("./route").POST;
let undo: typeof import("../undo/route").POST;

beforeAll(async () => {
  connect = (await import("../../session/route")).POST;
  upload = (await import("../../upload/route")).POST;
  ops = (await import("./route")).POST;
  undo = (await import("../undo/route")).POST;
});

const postJson = (jar: CookieJar, url: string, body?: unknown) =>
  jar.request(url, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "content-type": "application/json" },
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

async function uploadClip(jar: CookieJar, file: string, name: string) {
  const body = multipart([{ name, file, type: "video/mp4" }]);
  const req = jar.request("/api/upload", {
    method: "POST",
    body: webBody(body),
    headers: { "content-type": body.contentType },
    duplex: "half",
  } as RequestInit);
  const res = await upload(req, noParams);
  expect(res.status).toBe(200);
  return (await res.json()).files[0] as { id: string; duration: number };
}

describe("POST /api/state/ops", () => {
  it("puts an uploaded clip on the timeline, cuts it, and undoes the cut in one step", async () => {
    const jar = await visitor("10.1.0.1");
    const item = await uploadClip(
      jar,
      makeClip({ seconds: 3, width: 320, height: 240, fps: 25 }),
      "holiday.mp4",
    );

    const added = await ops(
      postJson(jar, "/api/state/ops", { ops: [{ op: "add_clips" }] }),
      noParams,
    );
    expect(added.status).toBe(200);
    const state = await added.json();
    expect(state.draft.t[0].sg).toEqual([
      expect.objectContaining({ src: item.id, name: "holiday.mp4", st: 0, in: 0 }),
    ]);
    expect(state.draft.m).toMatchObject({ width: 320, height: 240, fps: 25 });
    expect(Math.abs(state.draft.d - 3000)).toBeLessThan(100);
    expect(state.summary).toMatch(/Video: holiday\.mp4/);

    const cut = await (
      await ops(
        postJson(jar, "/api/state/ops", {
          ops: [
            { op: "cut", from: 1, to: 2 },
            { op: "text", text: "Hi" },
          ],
        }),
        noParams,
      )
    ).json();
    expect(cut.draft.t[0].sg).toHaveLength(2);
    expect(Math.abs(cut.draft.d - 2000)).toBeLessThan(100);
    expect(cut.version).toBe(state.version + 1);

    const back = await (await undo(postJson(jar, "/api/state/undo"), noParams)).json();
    expect(back.version).toBe(state.version);
    expect(back.draft).toEqual(state.draft);
  });

  it("answers sentences for impossible edits and leaves the timeline alone", async () => {
    const jar = await visitor("10.1.0.2");
    const empty = await ops(
      postJson(jar, "/api/state/ops", { ops: [{ op: "cut", from: 0, to: 1 }] }),
      noParams,
    );
    expect(empty.status).toBe(422);
    expect((await empty.json()).error).toMatchObject({
      code: "validation",
      message: "Add a clip first: drop a video on the page.",
    });

    await uploadClip(jar, makeClip({ seconds: 2 }), "a.mp4");
    await ops(postJson(jar, "/api/state/ops", { ops: [{ op: "add_clips" }] }), noParams);
    // The second op fails, so neither is applied.
    const half = await ops(
      postJson(jar, "/api/state/ops", {
        ops: [
          { op: "speed", factor: 2 },
          { op: "cut", from: 9, to: 10 },
        ],
      }),
      noParams,
    );
    expect(half.status).toBe(422);
    expect((await half.json()).error.message).toMatch(/nothing at 0:09 to cut/);
    const caps = await ops(
      postJson(jar, "/api/state/ops", { ops: [{ op: "captions" }] }),
      noParams,
    );
    expect(caps.status).toBe(422);
    expect((await caps.json()).error.message).toMatch(/Ask for captions in the chat/);
    const bad = await ops(
      postJson(jar, "/api/state/ops", { ops: [{ op: "speed", factor: 40 }] }),
      noParams,
    );
    expect(bad.status).toBe(422);
    const after = await (
      await ops(postJson(jar, "/api/state/ops", { ops: [{ op: "normalize" }] }), noParams)
    ).json();
    expect(after.draft.t[0].sg[0].speed).toBe(1);
    expect(after.draft.m.loudness).toBe(-14);
  });
});
