import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar, noParams, useTestServer, withParams } from "@/tests/support/test-server";
import { makeClip } from "@/tests/support/make-media";
import { assertLocalNemo } from "@/tests/fake-nemo/guard";
import { multipart } from "@/tests/fake-nemo/harness";
import { startFakeNemo, type FakeNemo } from "@/tests/fake-nemo/server";

// The real route handlers with BACKEND=nemo against the fake: the cookie flow (token
// sealed in the cookie, 1001 renewal, 1002 replacement), an upload streamed through the
// route, exports, downloads and share links by redirect.

let fake: FakeNemo;
let routes: {
  session: typeof import("@/app/api/session/route");
  state: typeof import("@/app/api/state/route");
  ops: typeof import("@/app/api/state/ops/route");
  upload: typeof import("@/app/api/upload/route");
  media: typeof import("@/app/api/media/[id]/[variant]/route");
  exports: typeof import("@/app/api/exports/route");
  exportOne: typeof import("@/app/api/exports/[id]/route");
  download: typeof import("@/app/api/exports/[id]/download/route");
  share: typeof import("@/app/api/share/[id]/video/route");
  chat: typeof import("@/app/api/chat/route");
};

beforeAll(async () => {
  fake = await startFakeNemo();
  useTestServer({ BACKEND: "nemo", NEMO_BASE_URL: assertLocalNemo(fake.url), NEMO_POLL_MS: "1" });
  routes = {
    session: await import("@/app/api/session/route"),
    state: await import("@/app/api/state/route"),
    ops: await import("@/app/api/state/ops/route"),
    upload: await import("@/app/api/upload/route"),
    media: await import("@/app/api/media/[id]/[variant]/route"),
    exports: await import("@/app/api/exports/route"),
    exportOne: await import("@/app/api/exports/[id]/route"),
    download: await import("@/app/api/exports/[id]/download/route"),
    share: await import("@/app/api/share/[id]/video/route"),
    chat: await import("@/app/api/chat/route"),
  };
});
afterAll(() => fake?.close());

const connect = async (jar: CookieJar) =>
  jar.take(await routes.session.POST(jar.request("/api/session", { method: "POST" }), noParams));

/** The `data:` events of an SSE response, parsed. */
async function events(res: Response): Promise<{ type: string; [k: string]: unknown }[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter((f) => f.startsWith("data: "))
    .map((f) => JSON.parse(f.slice(6)));
}

describe("routes with BACKEND=nemo", () => {
  it("POST /api/session connects to the cloud; the token stays in the sealed cookie", async () => {
    const jar = new CookieJar();
    const res = await connect(jar);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ backend: "nemo", credits: { available: 100, total: 100 } });
    expect(fake.session(body.project.id)).toBeTruthy();
    const token = fake.session(body.project.id)!.token;
    expect(JSON.stringify(body)).not.toContain(token);
    expect(res.headers.getSetCookie().join()).not.toContain(token);
    const again = await (await connect(jar)).json();
    expect(again.project.id).toBe(body.project.id);
  });

  it("1001: a new anonymous token, the request retried once, and the visitor keeps working", async () => {
    const jar = new CookieJar();
    const first = await (await connect(jar)).json();
    const tokensBefore = fake.count("/api/auth/anonymous-token");
    fake.failNext("1001", "/api/state/");
    const res = jar.take(await routes.state.GET(jar.request("/api/state"), noParams));
    expect(res.status).toBe(200);
    expect(fake.count("/api/auth/anonymous-token")).toBe(tokensBefore + 1);
    // The cloud session belonged to the old token: a new one was started.
    const now = await (await connect(jar)).json();
    expect(now.project.id).not.toBe(first.project.id);
  });

  it("1002: the vanished session is replaced and the visitor told so", async () => {
    const jar = new CookieJar();
    const first = await (await connect(jar)).json();
    fake.sessions.delete(first.project.id);
    const res = jar.take(await routes.state.GET(jar.request("/api/state"), noParams));
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({
      code: 1002,
      message: expect.stringMatching(/new one was started/),
    });
    const state = await (await routes.state.GET(jar.request("/api/state"), noParams)).json();
    expect(state.project.id).not.toBe(first.project.id);
  });

  it("uploads through the route, edits, exports, downloads and shares", async () => {
    const jar = new CookieJar();
    await connect(jar);
    const form = multipart([
      { name: "clip.mp4", data: fs.readFileSync(makeClip({ seconds: 2 })), type: "video/mp4" },
    ]);
    const body = new Response(new Blob(form.chunks as BlobPart[])).body!;
    const up = await routes.upload.POST(
      jar.request("/api/upload", {
        method: "POST",
        body,
        headers: { "content-type": form.contentType },
        duplex: "half",
      } as RequestInit),
      noParams,
    );
    expect(up.status).toBe(200);
    const { files } = await up.json();
    expect(files[0]).toMatchObject({ name: "clip.mp4", kind: "video", width: 320 });

    const media = await routes.media.GET(
      jar.request(`/api/media/${files[0].id}/source`),
      withParams({ id: files[0].id, variant: "source" }),
    );
    expect(media.status).toBe(302);
    expect(media.headers.get("location")).toBe(files[0].url);

    const ops = await routes.ops.POST(
      jar.request("/api/state/ops", {
        method: "POST",
        body: JSON.stringify({ ops: [{ op: "add_clips" }] }),
      }),
      noParams,
    );
    expect(ops.status).toBe(200);
    expect((await ops.json()).draft.t[0].sg).toHaveLength(1);

    const started = await routes.exports.POST(
      jar.request("/api/exports", { method: "POST", body: JSON.stringify({ preset: "youtube" }) }),
      noParams,
    );
    expect(started.status).toBe(202);
    const job = await started.json();
    let current = job;
    for (let i = 0; i < 20 && current.status !== "completed"; i++) {
      await new Promise((r) => setTimeout(r, 5));
      current = await (
        await routes.exportOne.GET(
          jar.request(`/api/exports/${job.id}`),
          withParams({ id: job.id }),
        )
      ).json();
    }
    expect(current.status).toBe("completed");
    const dl = await routes.download.GET(
      jar.request(`/api/exports/${job.id}/download`),
      withParams({ id: job.id }),
    );
    expect(dl.status).toBe(302);
    expect(dl.headers.get("location")).toMatch(new RegExp(`^${fake.url}/cdn/renders/`));

    const shareId = current.shareUrl.split("/s/")[1];
    const shared = await routes.share.GET(
      new Request(`http://localhost:3000/api/share/${shareId}/video`),
      withParams({ id: shareId }),
    );
    expect(shared.status).toBe(302);
    const list = await (await routes.exports.GET(jar.request("/api/exports"), noParams)).json();
    expect(list.exports.map((j: { id: string }) => j.id)).toContain(job.id);
  });

  it("answers a plan-blocked export (HTTP 402) with the plan sentence, not a credits message", async () => {
    const jar = new CookieJar();
    await connect(jar);
    await routes.upload.POST(
      jar.request("/api/upload", {
        method: "POST",
        body: JSON.stringify({ urls: ["https://media.example/a.mp4"] }),
        headers: { "content-type": "application/json" },
      }),
      noParams,
    );
    await routes.ops.POST(
      jar.request("/api/state/ops", {
        method: "POST",
        body: JSON.stringify({ ops: [{ op: "add_clips" }] }),
      }),
      noParams,
    );
    fake.failNext("402", "/api/render/proxy/lambda");
    const res = await routes.exports.POST(
      jar.request("/api/exports", { method: "POST", body: JSON.stringify({ preset: "youtube" }) }),
      noParams,
    );
    expect(res.status).toBe(402);
    expect((await res.json()).error).toEqual({
      code: "plan_required",
      message: "Register or upgrade your plan to unlock export.",
    });
  });

  it("POST /api/chat streams the cloud's turn as our events", async () => {
    const jar = new CookieJar();
    await connect(jar);
    await routes.upload.POST(
      jar.request("/api/upload", {
        method: "POST",
        body: JSON.stringify({ urls: ["https://media.example/a.mp4"] }),
        headers: { "content-type": "application/json" },
      }),
      noParams,
    );
    await routes.ops.POST(
      jar.request("/api/state/ops", {
        method: "POST",
        body: JSON.stringify({ ops: [{ op: "add_clips" }] }),
      }),
      noParams,
    );
    fake.scriptTurn({ shape: "adk", heartbeats: 1 });
    const stateReads = fake.count("/api/state/");
    const res = await routes.chat.POST(
      jar.request("/api/chat", {
        method: "POST",
        body: JSON.stringify({ message: "add captions" }),
      }),
      noParams,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const list = await events(res);
    expect(
      list
        .filter((e) => e.type === "text")
        .map((e) => e.delta)
        .join(""),
    ).toBe("I added captions.");
    expect(list.map((e) => e.type)).toEqual(
      expect.arrayContaining(["heartbeat", "step", "draft", "done"]),
    );
    expect(list.at(-1)).toEqual({ type: "done" });
    // The route's session check doubles as the "before" draft: two reads, not three.
    expect(fake.count("/api/state/") - stateReads).toBe(2);
  });

  it("POST /api/chat on a vanished session answers 1002 before any stream opens", async () => {
    const jar = new CookieJar();
    const first = await (await connect(jar)).json();
    fake.sessions.delete(first.project.id);
    const before = fake.count("/run_sse");
    const res = await routes.chat.POST(
      jar.request("/api/chat", {
        method: "POST",
        body: JSON.stringify({ message: "add captions" }),
      }),
      noParams,
    );
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe(1002);
    expect(fake.count("/run_sse")).toBe(before);
  });

  it("POST /api/state/ops (replay: rerun) never sends the words twice when the agent answers 1001", async () => {
    const jar = new CookieJar();
    await connect(jar);
    const tokens = fake.count("/api/auth/anonymous-token");
    const before = fake.count("/run_sse");
    fake.failNext("1001", "/run_sse");
    const res = await routes.ops.POST(
      jar.request("/api/state/ops", {
        method: "POST",
        body: JSON.stringify({ ops: [{ op: "add_clips" }] }),
      }),
      noParams,
    );
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatchObject({
      code: "upstream",
      message: expect.stringMatching(/not sent/),
    });
    expect(fake.count("/run_sse")).toBe(before + 1);
    expect(fake.count("/api/auth/anonymous-token")).toBe(tokens);
  });
});
