import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM module shared with scripts/server.mjs
import { applySecurityHeaders, securityHeaders } from "./security-headers.mjs";

// Headers and bind address (issue 14, finding 9). Before, any site could frame the
// studio (no frame-ancestors / X-Frame-Options), there was no CSP or HSTS, and
// `npm run dev` listened on every interface.

let server: http.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function answer(env: Record<string, string>): Promise<Headers> {
  const headers = securityHeaders(env, { dev: false });
  server = http.createServer((_req, res) => {
    applySecurityHeaders(res, headers);
    res.end("<html></html>");
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const res = await fetch(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/`);
  return res.headers;
}

describe("security headers", () => {
  it("forbid framing by any other site and restrict scripts to this origin", async () => {
    const h = await answer({});
    const csp = h.get("content-security-policy") ?? "";
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("strict-transport-security")).toBeNull();
  });

  it("add HSTS when the public address is https, and allow the bucket's media with STORAGE=s3", async () => {
    const h = await answer({
      PUBLIC_URL: "https://video.example.com",
      STORAGE: "s3",
      S3_ENDPOINT: "https://s3.example.net/bucket",
    });
    expect(h.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(h.get("content-security-policy")).toMatch(
      /media-src 'self' blob: data: https:\/\/s3\.example\.net/,
    );
  });

  it("allow media from the cloud API's own origin with BACKEND=nemo, even over http (a self-hosted cloud)", async () => {
    const csp =
      (await answer({ BACKEND: "nemo", NEMO_BASE_URL: "http://10.1.2.3:8080/api" })).get(
        "content-security-policy",
      ) ?? "";
    expect(csp).toMatch(/media-src [^;]*https: http:\/\/10\.1\.2\.3:8080/);
    expect(csp).toMatch(/img-src [^;]*http:\/\/10\.1\.2\.3:8080/);
  });

  it("are put on every answer by scripts/server.mjs, and `npm run dev` binds loopback", () => {
    const server = fs.readFileSync(path.join(__dirname, "server.mjs"), "utf8");
    expect(server).toMatch(/applySecurityHeaders\(res, headers\);/);
    expect(server).toMatch(/process\.env\.HOST \?\? \(dev \? "127\.0\.0\.1" : "0\.0\.0\.0"\)/);
  });
});
