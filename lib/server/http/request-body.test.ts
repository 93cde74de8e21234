import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { BODY_ID_HEADER, takeNodeBody } from "./request-body";

// scripts/server.mjs fills this registry; here the tests do.
const KEY = Symbol.for("vso.requestBodies");
const registry = () => ((globalThis as Record<symbol, Map<string, Readable>>)[KEY] ??= new Map());
afterEach(() => delete (globalThis as Record<symbol, unknown>)[KEY]);

const request = (id?: string) =>
  new Request("http://localhost/api/upload", {
    method: "POST",
    body: "web body",
    headers: id ? { [BODY_ID_HEADER]: id } : {},
  });

describe("takeNodeBody", () => {
  it("hands over the registered stream once, and forgets it", async () => {
    const body = Readable.from([Buffer.from("socket body")]);
    registry().set("id-1", body);
    const req = request("id-1");
    expect(takeNodeBody(req)).toBe(body);
    expect(registry().has("id-1")).toBe(false);
    expect(takeNodeBody(req)).toBeNull();
  });

  it.each([
    ["no header (next dev, tests, another server)", undefined],
    ["an id nobody registered (made up by a client)", "guessed-id"],
  ])("gives null for %s", (_label, id) => {
    registry().set("id-2", Readable.from([]));
    expect(takeNodeBody(request(id))).toBeNull();
    expect(registry().has("id-2")).toBe(true);
  });

  it("gives null when no server registers bodies", () => {
    expect(takeNodeBody(request("id-3"))).toBeNull();
  });

  it("gives null for a stream someone already started reading", async () => {
    const body = Readable.from([Buffer.from("a"), Buffer.from("b")]);
    body.read();
    await new Promise((r) => setImmediate(r));
    registry().set("id-4", body);
    expect(takeNodeBody(request("id-4"))).toBeNull();
  });

  it("gives null once the route read its web body", async () => {
    registry().set("id-5", Readable.from([Buffer.from("x")]));
    const req = request("id-5");
    await req.text();
    expect(takeNodeBody(req)).toBeNull();
  });
});

describe("scripts/server.mjs, the side that registers", () => {
  // Two files must agree on two names; if they drift, uploads quietly fall back to the slower web stream.
  const server = fs.readFileSync(path.join(__dirname, "../../../scripts/server.mjs"), "utf8");
  it("sends the id in the header this module reads, and replaces any a client sent", () => {
    expect(server).toContain(`const BODY_ID_HEADER = "${BODY_ID_HEADER}";`);
    expect(server).toMatch(/delete req\.headers\[BODY_ID_HEADER\];/);
  });
  it("keeps the bodies in the registry this module looks in", () => {
    expect(server).toContain('globalThis[Symbol.for("vso.requestBodies")]');
    expect(KEY.description).toBe("vso.requestBodies");
  });
});
