import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeClip } from "@/tests/support/make-media";
import { downloadUrl, publicOnly, type LookupFn } from "./download-url";

// A local server stands in for the internet. Only 127.0.0.1 is ever contacted: every
// refused case is refused before a connection is made (the hit counter proves it).

const clip = makeClip({ seconds: 1 });
const clipBytes = fs.readFileSync(clip);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-dl-"));
let server: http.Server;
let port = 0;
let hits = 0;
let n = 0;
const dest = () => path.join(dir, `file-${n++}`);
const origin = () => `http://127.0.0.1:${port}`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++;
    const url = req.url ?? "/";
    const redirect = (to: string) => res.writeHead(302, { location: to }).end();
    if (url === "/clip.mp4")
      return void res
        .writeHead(200, { "content-type": "video/mp4", "content-length": clipBytes.length })
        .end(clipBytes);
    if (url === "/redirect") return redirect("/clip.mp4");
    if (url.startsWith("/hop/")) {
      const left = Number(url.slice(5));
      return redirect(left > 0 ? `/hop/${left - 1}` : "/clip.mp4");
    }
    if (url === "/to-private") return redirect(`http://127.0.0.2:${port}/clip.mp4`);
    if (url === "/to-v6") return redirect(`http://[::1]:${port}/clip.mp4`);
    if (url === "/to-mapped") return redirect(`http://[::ffff:127.0.0.1]:${port}/clip.mp4`);
    if (url === "/to-metadata") return redirect("http://169.254.169.254/latest/meta-data/");
    if (url === "/to-internal-name") return redirect(`http://internal.test:${port}/clip.mp4`);
    if (url === "/to-ftp") return redirect("ftp://127.0.0.1/clip.mp4");
    if (url === "/big-declared")
      return void res.writeHead(200, { "content-length": 50_000_000 }).end();
    if (url === "/big-chunked") {
      res.writeHead(200, { "content-type": "video/mp4" });
      let sent = 0;
      const push = () => {
        while (sent < 5_000_000) {
          sent += 64 * 1024;
          if (!res.write(Buffer.alloc(64 * 1024, 1))) return void res.once("drain", push);
        }
        res.end();
      };
      return push();
    }
    if (url === "/slow") {
      res.writeHead(200, { "content-type": "video/mp4" });
      res.write(clipBytes.subarray(0, 100));
      return; // never finishes
    }
    if (url === "/named")
      return void res
        .writeHead(200, { "content-disposition": 'attachment; filename="talk.mp4"' })
        .end(clipBytes);
    res.writeHead(404).end("nope");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

// Tests exempt exactly 127.0.0.1 (the server above); every other private address stays refused.
const onlyOurServer = (ip: string) => ip === "127.0.0.1" || publicOnly(ip);
const base = { maxBytes: 1_000_000, timeoutMs: 5_000, allowAddress: onlyOurServer };

const fakeDns =
  (table: Record<string, string[]>): LookupFn =>
  (hostname, _opts, cb) => {
    const ips = table[hostname];
    if (!ips)
      return cb(
        Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }),
        [],
      );
    cb(
      null,
      ips.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  };

describe("downloadUrl", () => {
  it("downloads a file, hashing it, and names it from the URL", async () => {
    const file = dest();
    const got = await downloadUrl(`${origin()}/clip.mp4`, file, base);
    expect(got.size).toBe(clipBytes.length);
    expect(got.hash).toBe(crypto.createHash("sha256").update(clipBytes).digest("hex"));
    expect(got.name).toBe("clip.mp4");
    expect(fs.readFileSync(file).equals(clipBytes)).toBe(true);
  });

  it("follows a few redirects, and takes the name from Content-Disposition", async () => {
    expect((await downloadUrl(`${origin()}/redirect`, dest(), base)).finalUrl).toBe(
      `${origin()}/clip.mp4`,
    );
    expect((await downloadUrl(`${origin()}/hop/4`, dest(), base)).size).toBe(clipBytes.length);
    expect((await downloadUrl(`${origin()}/named`, dest(), base)).name).toBe("talk.mp4");
  });

  it.each([
    [
      "too many redirects",
      "/hop/9",
      { code: "bad_request", message: /redirected more than 5 times/ },
    ],
    ["a 404", "/missing", { code: "bad_request", message: /answered HTTP 404/ }],
    [
      "a declared size over the limit",
      "/big-declared",
      { code: 4002, message: /larger than the 1 MB limit.*Trim.*compress/ },
    ],
    [
      "an undeclared size over the limit",
      "/big-chunked",
      { code: 4002, message: /larger than the 1 MB limit/ },
    ],
    [
      "a redirect to another scheme",
      "/to-ftp",
      { code: "bad_request", message: /Only http and https/ },
    ],
  ])("refuses %s with a sentence and leaves no file", async (_label, url, want) => {
    const file = dest();
    const err = await downloadUrl(`${origin()}${url}`, file, base).catch((e) => e);
    expect(err).toMatchObject({ code: want.code });
    expect(err.message).toMatch(want.message);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("gives up after the timeout", async () => {
    const file = dest();
    const err = await downloadUrl(`${origin()}/slow`, file, { ...base, timeoutMs: 300 }).catch(
      (e) => e,
    );
    expect(err).toMatchObject({ code: "timeout" });
    expect(err.message).toMatch(/took longer than/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it.each([
    ["not a URL", "clip.mp4", /not a web link/],
    ["a file: URL", "file:///etc/passwd", /Only http and https/],
    ["javascript:", "javascript:alert(1)", /Only http and https/],
  ])("refuses %s", async (_label, url, message) => {
    await expect(downloadUrl(url, dest(), base)).rejects.toThrow(message);
  });
});

describe("downloadUrl refuses private and local addresses (SSRF)", () => {
  const lookup = fakeDns({
    "evil.test": ["10.1.2.3"],
    "metadata.test": ["169.254.169.254"],
    "mixed.test": ["93.184.216.34", "127.0.0.1"],
    "v6loop.test": ["::1"],
    "mapped.test": ["::ffff:127.0.0.1"],
    "internal.test": ["192.168.0.10"],
  });

  it.each([
    ["loopback", () => `http://127.0.0.1:${port}/clip.mp4`],
    ["another loopback address", () => `http://127.1.2.3:${port}/clip.mp4`],
    ["loopback in hex", () => `http://0x7f000001:${port}/clip.mp4`],
    ["loopback as one number", () => `http://2130706433:${port}/clip.mp4`],
    ["private 10.x", () => "http://10.0.0.1/clip.mp4"],
    ["private 192.168.x", () => "http://192.168.1.1/clip.mp4"],
    ["CGNAT", () => "http://100.64.0.1/clip.mp4"],
    ["cloud metadata", () => "http://169.254.169.254/latest/meta-data/"],
    ["IPv6 loopback", () => `http://[::1]:${port}/clip.mp4`],
    ["IPv4-mapped IPv6 loopback", () => `http://[::ffff:127.0.0.1]:${port}/clip.mp4`],
    ["IPv6 unique local (AWS metadata)", () => "http://[fd00:ec2::254]/latest/meta-data/"],
    ["IPv6 link-local", () => "http://[fe80::1]/clip.mp4"],
    ["a name resolving to 10.x", () => "http://evil.test/clip.mp4"],
    ["a name resolving to metadata", () => "http://metadata.test/latest/meta-data/"],
    [
      "a name with one private answer among public ones",
      () => `http://mixed.test:${port}/clip.mp4`,
    ],
    ["a name resolving to ::1", () => `http://v6loop.test:${port}/clip.mp4`],
    ["a name resolving to ::ffff:127.0.0.1", () => `http://mapped.test:${port}/clip.mp4`],
  ])("%s", async (_label, url) => {
    const before = hits;
    const file = dest();
    const err = await downloadUrl(url(), file, {
      maxBytes: 1_000_000,
      timeoutMs: 5_000,
      lookup,
    }).catch((e) => e);
    expect(err).toMatchObject({ code: "forbidden" });
    expect(err.message).toMatch(/private or local network addresses.*can't be imported/);
    expect(hits).toBe(before); // nothing was contacted
    expect(fs.existsSync(file)).toBe(false);
  });

  it("checks the answers of the real resolver too (localhost from /etc/hosts)", async () => {
    const before = hits;
    const err = await downloadUrl(`http://localhost:${port}/clip.mp4`, dest(), {
      maxBytes: 1_000_000,
      timeoutMs: 5_000,
    }).catch((e) => e);
    expect(err).toMatchObject({ code: "forbidden" });
    expect(hits).toBe(before);
  });

  it.each([
    ["another loopback address", "/to-private"],
    ["IPv6 loopback", "/to-v6"],
    ["IPv4-mapped IPv6", "/to-mapped"],
    ["cloud metadata", "/to-metadata"],
    ["a name resolving to a private address", "/to-internal-name"],
  ])("refuses a redirect to %s", async (_label, url) => {
    const before = hits;
    const err = await downloadUrl(`${origin()}${url}`, dest(), { ...base, lookup }).catch((e) => e);
    expect(err).toMatchObject({ code: "forbidden" });
    expect(hits).toBe(before + 1); // only the first, allowed hop
  });

  it("lets everything through when private imports are allowed (tests, trusted LANs)", async () => {
    const got = await downloadUrl(`http://localhost:${port}/clip.mp4`, dest(), {
      maxBytes: 1_000_000,
      timeoutMs: 5_000,
      allowAddress: () => true,
    });
    expect(got.size).toBe(clipBytes.length);
  });
});
