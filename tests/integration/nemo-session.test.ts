import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pkg from "@/package.json";
import { AppError } from "@/lib/errors";
import { createNemoBackend } from "@/lib/server/backend/nemo";
import { assertLocalNemo } from "@/tests/fake-nemo/guard";
import { nemoHarness } from "@/tests/fake-nemo/harness";

// Contract: token, session, projects, credits and the documented failures, against the
// fake NemoVideo server.

let h: Awaited<ReturnType<typeof nemoHarness>>;
beforeAll(async () => {
  h = await nemoHarness();
});
afterAll(() => h.close());

const rejects = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error("expected a failure");
};

describe("nemo backend: connecting", () => {
  it("gets an anonymous token with X-Client-Id, then a session with the documented body", async () => {
    const clientId = "7d0b3c8e-1111-4222-8333-944455556666";
    const caller = await h.connect(clientId);
    const tokenCall = h.fake.calls.find((c) => c.path === "/api/auth/anonymous-token")!;
    expect(tokenCall.headers["x-client-id"]).toBe(clientId);
    const sessionCall = h.fake.calls.find(
      (c) => c.path === "/api/tasks/me/with-session/nemo_agent",
    )!;
    expect(sessionCall.body).toEqual({ task_name: "project", language: "en" });
    expect(sessionCall.headers.authorization).toBe(`Bearer ${caller.token}`);
    expect(caller.token).toMatch(/^nmv_usr_/);
    expect(h.fake.session(caller.sessionId)).toBeTruthy();
    const project = await h.backend.getSession(caller);
    expect(project.id).toBe(caller.sessionId);
  });

  it("sends the bearer token and the three attribution headers on every request", async () => {
    const caller = await h.connect();
    await h.backend.credits(caller);
    await h.backend.state(caller);
    for (const call of h.fake.calls) {
      expect(call.headers["x-skill-source"], call.path).toBe("video-skill-online");
      expect(call.headers["x-skill-version"], call.path).toBe(pkg.version);
      expect(call.headers["x-skill-platform"], call.path).toBe("test-platform");
      if (call.path !== "/api/auth/anonymous-token")
        expect(call.headers.authorization, call.path).toMatch(/^Bearer nmv_usr_/);
    }
  });

  it("lists the visitor's own projects and hides other visitors' (1002)", async () => {
    const a = await h.connect("client-a");
    const second = await h.backend.createSession(a, { title: "Second" });
    const list = await h.backend.listProjects(a);
    expect(list.map((p) => p.id)).toEqual([second.id, a.sessionId]);
    expect(list[0].title).toBe("Second");
    const b = await h.connect("client-b");
    const err = await rejects(h.backend.getSession({ ...b, sessionId: a.sessionId }));
    expect(err.code).toBe(1002);
    expect(await h.backend.listProjects(b)).toHaveLength(1);
  });

  it("reads credits and offers the registration link with ?bind=<task id>", async () => {
    const caller = await h.connect();
    const credits = await h.backend.credits(caller);
    expect(credits).toMatchObject({
      available: expect.any(Number),
      frozen: expect.any(Number),
      enabled: true,
    });
    expect(credits.total).toBe(credits.available + credits.frozen);
    const taskId = h.fake.session(caller.sessionId)!.taskId;
    expect(credits.registerUrl).toBe(`https://register.example/signup?bind=${taskId}`);
  });

  it("uses NEMO_TOKEN when set: no anonymous token, the real token never leaves the server", async () => {
    const r = await nemoHarness({
      token: "nmv_reg_operator",
      fake: { tokens: ["nmv_reg_operator"] },
    });
    try {
      const caller = await r.connect();
      expect(caller.token).not.toContain("nmv_reg_operator"); // only a marker goes into the cookie
      expect((await r.backend.credits(caller)).registerUrl).toBeNull();
      expect(r.fake.count("/api/auth/anonymous-token")).toBe(0);
      expect(r.fake.calls.every((c) => c.headers.authorization === "Bearer nmv_reg_operator")).toBe(
        true,
      );
    } finally {
      await r.close();
    }
  });
});

describe("nemo backend: documented failures", () => {
  it("HTTP 400 (missing X-Client-Id): a fresh client id and one retry", async () => {
    h.fake.failNext("400", "/api/auth/anonymous-token");
    const before = h.fake.count("/api/auth/anonymous-token");
    const { token } = await h.backend.createToken("c-400", "127.0.0.1");
    expect(token).toMatch(/^nmv_usr_/);
    const calls = h.fake.calls.filter((c) => c.path === "/api/auth/anonymous-token").slice(before);
    expect(calls).toHaveLength(2);
    expect(calls[1].headers["x-client-id"]).not.toBe("c-400");
  });

  it("429: waits 30 s and retries once; a second 429 is a rate_limited error with Retry-After", async () => {
    h.sleeps.length = 0;
    h.fake.failNext("429", "/api/auth/anonymous-token");
    expect((await h.backend.createToken("c-429", "127.0.0.1")).token).toMatch(/^nmv_usr_/);
    expect(h.sleeps).toEqual([30_000]);
    h.fake.failNext("429", "/api/auth/anonymous-token", 2);
    const err = await rejects(h.backend.createToken("c-429b", "127.0.0.1"));
    expect(err.code).toBe("rate_limited");
    expect(err.retryAfter).toBe(30);
    expect(h.sleeps).toEqual([30_000, 30_000]);
  });

  it.each([
    ["1001", 1001, /sign-in expired/],
    ["1002", 1002, /new one was started/],
    ["500", "upstream", /project is kept/],
    ["drop", "unavailable", /could not reach NemoVideo.*project is kept/],
  ] as const)("%s on the state endpoint -> %s", async (kind, code, message) => {
    const caller = await h.connect();
    h.fake.failNext(kind, "/api/state/");
    const err = await rejects(h.backend.state(caller));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });

  it("a request that hangs times out with a clear sentence, and the session still works", async () => {
    const caller = await h.connect();
    const quick = await nemoHarness({ deps: { requestTimeoutMs: 300 } });
    try {
      const c = await quick.connect();
      quick.fake.failNext("hang", "/api/credits");
      const err = await rejects(quick.backend.credits(c));
      expect(err.code).toBe("timeout");
      expect(err.message).toMatch(/did not answer in time.*project is kept/);
      expect((await quick.backend.credits(c)).available).toBeGreaterThan(0);
    } finally {
      await quick.close();
    }
    expect((await h.backend.getSession(caller)).id).toBe(caller.sessionId);
  });

  it("an expired registered token is the operator's problem, not a renewal loop", async () => {
    const r = await nemoHarness({ token: "nmv_reg_old", fake: { tokens: [] } });
    try {
      const err = await rejects(
        r.backend.credits({
          token: "nemo-env-token",
          clientId: "x",
          signal: new AbortController().signal,
          origin: "",
        }),
      );
      expect(err.code).toBe("unavailable");
      expect(err.message).toMatch(/NEMO_TOKEN/);
    } finally {
      await r.close();
    }
  });
});

describe("loopback guard", () => {
  it.each([
    "https://mega-api-prod.nemovideo.ai",
    "http://10.0.0.5:3301",
    "http://example.com",
    undefined,
  ])("refuses %s", (url) => {
    expect(() => assertLocalNemo(url)).toThrow(/non-local NemoVideo URL/);
  });
  it.each(["http://127.0.0.1:3301", "http://localhost:9", "http://[::1]:80"])(
    "accepts %s",
    (url) => {
      expect(assertLocalNemo(url)).toBe(url);
    },
  );
  it("the backend itself refuses a remote URL under NODE_ENV=test", () => {
    const env = {
      NEMO_BASE_URL: "https://mega-api-prod.nemovideo.ai",
      NEMO_SKILL_PLATFORM: "x",
      NEMO_POLL_MS: 1,
      NEMO_REGISTER_URL: "https://r.example",
      MAX_UPLOAD_MB: 1,
      NODE_ENV: "test" as const,
    };
    expect(() => createNemoBackend(env)).toThrow(/Refusing to run tests/);
  });
});
