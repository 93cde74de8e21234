import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, noParams, useTestServer } from "@/tests/support/test-server";

// Attacks on token minting (issue 14, finding 2): tokens handed out on GET routes, a
// forged X-Forwarded-For hop, and one IPv6 subscriber rotating through its /64.
useTestServer({ TOKEN_RATE_LIMIT: "5", TRUST_PROXY: "true" });
let connect: typeof import("./route").POST;
let getCredits: typeof import("../credits/route").GET;
let getMedia: typeof import("../media/route").GET;

beforeAll(async () => {
  connect = (await import("./route")).POST;
  getCredits = (await import("../credits/route")).GET;
  getMedia = (await import("../media/route")).GET;
});

const post = (headers: Record<string, string>) =>
  new CookieJar().request("/api/session", { method: "POST", headers });

describe("who may get a token", () => {
  it("a GET without a cookie (a cross-site <img>) gets 1001 and no token, and spends nothing of the address's quota", async () => {
    for (let i = 0; i < 8; i++) {
      const jar = new CookieJar();
      const res = await (i % 2 ? getCredits : getMedia)(
        jar.request("/api/credits", { headers: { "x-vso-client-ip": "10.1.1.1" } }),
        noParams,
      );
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe(1001);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const res = await connect(post({ "x-vso-client-ip": "10.1.1.1" }), noParams);
    expect(res.status).toBe(200);
  });

  it("counts the rightmost untrusted X-Forwarded-For hop, not the one the client wrote", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      // The client forges a fresh first hop each time; our proxy (10.0.0.1) appends the real address.
      const res = await connect(
        post({ "x-vso-client-ip": "10.0.0.1", "x-forwarded-for": `198.51.100.${i}, 203.0.113.7` }),
        noParams,
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it("counts IPv6 visitors per /64, so rotating the interface id does not mint more", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const res = await connect(
        post({
          "x-vso-client-ip": "10.0.0.1",
          "x-forwarded-for": `2001:db8:aa:bb::${i.toString(16)}`,
        }),
        noParams,
      );
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
    // Another /64 is another subscriber.
    expect(
      (
        await connect(
          post({ "x-vso-client-ip": "10.0.0.1", "x-forwarded-for": "2001:db8:aa:cc::1" }),
          noParams,
        )
      ).status,
    ).toBe(200);
  });
});
