import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, noParams, useTestServer } from "@/tests/support/test-server";

// Behind a TLS-terminating proxy that does not send X-Forwarded-Proto, the session
// cookie went out without Secure (issue 14, finding 9), so a browser would also send it
// over plain http. PUBLIC_URL=https now makes it Secure whatever the hop said.
useTestServer({ PUBLIC_URL: "https://video.example.com" });
let connect: typeof import("./route").POST;
beforeAll(async () => {
  connect = (await import("./route")).POST;
});

describe("session cookie", () => {
  it("is Secure whenever PUBLIC_URL is https", async () => {
    const jar = new CookieJar();
    const res = await connect(jar.request("/api/session", { method: "POST" }), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join("\n")).toMatch(/;\s*Secure/i);
  });
});
