import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { CookieJar, noParams, useTestServer } from "@/tests/support/test-server";

// Each route says what an expired token (1001) thrown by its handler leads to: renewed
// and run again ("rerun"), or renewed and answered ("never": the handler may have read
// the body or sent something that must not go twice).

useTestServer({ TOKEN_RATE_LIMIT: "100" });
let mod: typeof import("./session-route");
let connect: typeof import("@/app/api/session/route").POST;

beforeAll(async () => {
  mod = await import("./session-route");
  connect = (await import("@/app/api/session/route")).POST;
});

/** A handler that meets an expired token the first time it runs, and counts its runs. */
function expiringOnce() {
  const seen = { runs: 0, tokens: [] as string[], notices: [] as (string | null)[] };
  const handler = async ({
    caller,
    notice,
  }: {
    caller: { token: string };
    notice: string | null;
  }) => {
    seen.runs++;
    seen.tokens.push(caller.token);
    seen.notices.push(notice);
    if (seen.runs === 1) throw new AppError(1001, "Your access expired.");
    return mod.json({ ok: true });
  };
  return { seen, handler };
}

async function connected(): Promise<CookieJar> {
  const jar = new CookieJar();
  jar.take(await connect(jar.request("/api/session", { method: "POST" }), noParams));
  return jar;
}

describe("sessionRoute: replay after an expired token", () => {
  it('"rerun" renews the token and runs the handler once more, with a notice', async () => {
    const jar = await connected();
    const { seen, handler } = expiringOnce();
    const route = mod.sessionRoute({ replay: "rerun" }, handler);
    const res = jar.take(await route(jar.request("/api/x", { method: "POST" }), noParams));
    expect(res.status).toBe(200);
    expect(seen.runs).toBe(2);
    expect(seen.tokens[1]).not.toBe(seen.tokens[0]);
    expect(seen.notices[1]).toMatch(/expired.*reconnected/);
  });

  it('"never" renews the token but answers the 1001 instead of running the handler again', async () => {
    const jar = await connected();
    const { seen, handler } = expiringOnce();
    const route = mod.sessionRoute({ replay: "never" }, handler);
    const res = jar.take(await route(jar.request("/api/x", { method: "POST" }), noParams));
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatchObject({ code: 1001 });
    expect(seen.runs).toBe(1);
    // The renewed token was sealed in the cookie: the visitor's next request works.
    const again = jar.take(await route(jar.request("/api/x", { method: "POST" }), noParams));
    expect(again.status).toBe(200);
    expect(seen.tokens[1]).not.toBe(seen.tokens[0]);
  });
});
