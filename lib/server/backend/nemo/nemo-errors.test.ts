import { describe, expect, it } from "vitest";
import { bindUrl, mapNemoError, networkError } from "./nemo-errors";

const anon = { registered: false, registerUrl: "https://nemo.example/register", bindId: "task_42" };
const reg = { ...anon, registered: true };

describe("mapNemoError", () => {
  it.each([
    // [status, body, ctx, code, message pattern]
    [401, { code: 1001, message: "expired" }, anon, 1001, /sign-in expired/],
    [200, { code: "1001" }, anon, 1001, /sign-in expired/],
    [401, { code: 1001 }, reg, "unavailable", /NEMO_TOKEN/],
    [404, { code: 1002 }, anon, 1002, /new one was started/],
    [402, { code: 2001 }, anon, 2001, /Register with the link/],
    [200, { code: 2001 }, reg, 2001, /Top up credits in your account/],
    [400, { code: 4001 }, anon, 4001, /MP4, MOV, AVI, WebM, MKV/],
    [413, { code: 4002 }, anon, 4002, /Compress it or trim it/],
    [
      402,
      { message: "free plan" },
      anon,
      "plan_required",
      /^Register or upgrade your plan to unlock export\.$/,
    ],
    [429, {}, anon, "rate_limited", /30 seconds/],
    [400, { message: "missing X-Client-Id" }, anon, "bad_request", /missing X-Client-Id/],
    [503, null, anon, "upstream", /HTTP 503.*project is kept/],
    [200, { code: 9999, message: "odd" }, anon, "upstream", /code 9999: odd/],
    [200, { success: false, message: "nope" }, anon, "upstream", /nope/],
  ] as const)("HTTP %s %j -> %s", (status, body, ctx, code, message) => {
    const err = mapNemoError(status, body, ctx)!;
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });

  it("is null for successes", () => {
    expect(mapNemoError(200, { code: 0, data: {} }, anon)).toBeNull();
    expect(mapNemoError(200, { success: true, data: {} }, anon)).toBeNull();
    expect(mapNemoError(200, null, anon)).toBeNull();
  });

  it("gives anonymous users the registration link with ?bind=<id>, registered users none", () => {
    expect(mapNemoError(402, { code: 2001 }, anon)!.details).toEqual({
      registerUrl: "https://nemo.example/register?bind=task_42",
    });
    expect(mapNemoError(402, { code: 2001 }, reg)!.details).toBeUndefined();
    // A link the cloud sends itself wins over the configured one.
    const own = mapNemoError(
      402,
      { code: 2001, data: { register_url: "https://nemo.example/signup?src=x" } },
      anon,
    )!;
    expect(own.details).toEqual({ registerUrl: "https://nemo.example/signup?src=x&bind=task_42" });
  });

  it("passes Retry-After on 429", () => {
    expect(mapNemoError(429, {}, { ...anon, retryAfter: 12 })!.retryAfter).toBe(12);
    expect(mapNemoError(429, {}, anon)!.retryAfter).toBe(30);
  });

  it("keeps 402 (plan) apart from 2001 (credits)", () => {
    expect(mapNemoError(402, {}, anon)!.code).toBe("plan_required");
    expect(mapNemoError(402, { code: 2001 }, anon)!.code).toBe(2001);
  });
});

describe("networkError", () => {
  it("says timeout, unreachable or cancelled", () => {
    expect(
      networkError(Object.assign(new Error("t"), { name: "TimeoutError" }), "x", false).code,
    ).toBe("timeout");
    expect(networkError(new TypeError("fetch failed"), "uploading", false).message).toMatch(
      /could not reach NemoVideo while uploading/,
    );
    expect(networkError(new Error("abort"), "x", true).code).toBe("cancelled");
  });
  it("builds bind links", () => {
    expect(bindUrl("https://a.example/r", null)).toBe("https://a.example/r");
    expect(bindUrl("https://a.example/r", "t 1")).toBe("https://a.example/r?bind=t+1");
  });
});
