import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CookieJar, noParams, useTestServer, withParams } from "@/tests/support/test-server";

useTestServer({ TOKEN_RATE_LIMIT: "5" });
let connect: typeof import("./route").POST;
let getCredits: typeof import("../credits/route").GET;
let projects: typeof import("../projects/route");
let openProject: typeof import("../projects/[id]/route").POST;

beforeAll(async () => {
  connect = (await import("./route")).POST;
  getCredits = (await import("../credits/route")).GET;
  projects = await import("../projects/route");
  openProject = (await import("../projects/[id]/route")).POST;
});

afterEach(() => vi.useRealTimers());

const post = (jar: CookieJar, url: string, body?: unknown, headers: Record<string, string> = {}) =>
  jar.request(url, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
    headers,
  });

describe("POST /api/session", () => {
  it("issues a token and a session in an httpOnly encrypted cookie, never in the body", async () => {
    const jar = new CookieJar();
    const res = jar.take(
      await connect(
        post(jar, "/api/session", undefined, { "x-vso-client-ip": "10.0.0.1" }),
        noParams,
      ),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      backend: "local",
      credits: { available: 100, frozen: 0, total: 100 },
    });
    expect(body.project.id).toMatch(/^ses_/);
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/vso_usr_/); // sealed, not readable
    expect(JSON.stringify(body)).not.toMatch(/vso_usr_/);

    // The same cookie reconnects to the same session.
    const again = await (await connect(post(jar, "/api/session"), noParams)).json();
    expect(again.project.id).toBe(body.project.id);
  });

  it("treats a tampered cookie as no cookie: a fresh token and session", async () => {
    const jar = new CookieJar();
    const first = await jar
      .take(
        await connect(
          post(jar, "/api/session", undefined, { "x-vso-client-ip": "10.0.0.2" }),
          noParams,
        ),
      )
      .json();
    const value = jar.get("vso_session")!;
    jar.set("vso_session", value.slice(0, -4) + (value.endsWith("AAAA") ? "BBBB" : "AAAA"));
    const res = jar.take(
      await connect(
        post(jar, "/api/session", undefined, { "x-vso-client-ip": "10.0.0.2" }),
        noParams,
      ),
    );
    const second = await res.json();
    expect(res.status).toBe(200);
    expect(second.project.id).not.toBe(first.project.id);
  });

  it("renews an expired token (1001 path) and keeps the visitor's project", async () => {
    const jar = new CookieJar();
    const first = await jar
      .take(
        await connect(
          post(jar, "/api/session", undefined, { "x-vso-client-ip": "10.0.0.3" }),
          noParams,
        ),
      )
      .json();
    const before = jar.get("vso_session");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 8 * 86_400_000);
    const res = jar.take(
      await connect(
        post(jar, "/api/session", undefined, { "x-vso-client-ip": "10.0.0.3" }),
        noParams,
      ),
    );
    const second = await res.json();
    expect(res.status).toBe(200);
    expect(jar.get("vso_session")).not.toBe(before); // a fresh token was sealed in
    expect(second.project.id).toBe(first.project.id); // work carried over
    expect(second.credits.available).toBe(100);
    expect(second.notice).toMatch(/expired.*reconnected/);
    expect(first.notice).toBeNull();
  });

  it("replaces a session that no longer exists (1002) and says so", async () => {
    const jar = new CookieJar();
    await jar
      .take(
        await connect(
          post(jar, "/api/session", undefined, { "x-vso-client-ip": "10.0.0.4" }),
          noParams,
        ),
      )
      .json();
    const other = new CookieJar();
    const theirs = await other
      .take(
        await connect(
          post(other, "/api/session", undefined, { "x-vso-client-ip": "10.0.0.5" }),
          noParams,
        ),
      )
      .json();
    // Asking for someone else's project is "not found", and the visitor keeps a working session.
    const res = jar.take(
      await openProject(
        post(jar, `/api/projects/${theirs.project.id}`),
        withParams({ id: theirs.project.id }),
      ),
    );
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe(1002);
    expect(body.error.message).toMatch(/not found/);
    const after = await (await connect(post(jar, "/api/session"), noParams)).json();
    expect(after.project.id).not.toBe(theirs.project.id);
  });

  it("lets a visitor start a new project and go back to an earlier one", async () => {
    const jar = new CookieJar();
    const first = await jar
      .take(
        await connect(
          post(jar, "/api/session", undefined, { "x-vso-client-ip": "10.0.0.6" }),
          noParams,
        ),
      )
      .json();
    const created = jar.take(
      await projects.POST(post(jar, "/api/projects", { title: "Second" }), noParams),
    );
    expect(created.status).toBe(201);
    const list = await (await projects.GET(jar.request("/api/projects"), noParams)).json();
    expect(list.projects.map((p: { title: string }) => p.title)).toContain("Second");
    expect(list.projects).toHaveLength(2);
    jar.take(
      await openProject(
        post(jar, `/api/projects/${first.project.id}`),
        withParams({ id: first.project.id }),
      ),
    );
    const now = await (await connect(post(jar, "/api/session"), noParams)).json();
    expect(now.project.id).toBe(first.project.id);
  });

  it("rate-limits new tokens per client address with 429 and Retry-After", async () => {
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const jar = new CookieJar();
      last = await connect(
        post(jar, "/api/session", undefined, { "x-vso-client-ip": "10.9.9.9" }),
        noParams,
      );
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await last!.json()).error.message).toMatch(/try again/);
  });

  it("refuses a state-changing request from another site", async () => {
    const jar = new CookieJar();
    const res = await connect(
      post(jar, "/api/session", undefined, { origin: "https://evil.example" }),
      noParams,
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  });

  it("answers credits for the visitor", async () => {
    const jar = new CookieJar();
    jar.take(
      await connect(
        post(jar, "/api/session", undefined, { "x-vso-client-ip": "10.0.0.7" }),
        noParams,
      ),
    );
    const credits = await (await getCredits(jar.request("/api/credits"), noParams)).json();
    expect(credits).toMatchObject({ available: 100, frozen: 0, total: 100, enabled: true });
  });
});
