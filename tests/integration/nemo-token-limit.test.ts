import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createNemoBackend } from "@/lib/server/backend/nemo";
import { assertLocalNemo } from "@/tests/fake-nemo/guard";
import { startFakeNemo } from "@/tests/fake-nemo/server";

// BACKEND=nemo had no local limit on new tokens (issue 14, finding 2): every anonymous
// cloud token carries free credits, so one address could farm them without end.

let fake: Awaited<ReturnType<typeof startFakeNemo>>;
beforeAll(async () => {
  fake = await startFakeNemo();
});
afterAll(() => fake.close());

describe("nemo backend: new tokens per address", () => {
  it("applies TOKEN_RATE_LIMIT per address (IPv6 per /64) and asks the cloud for nothing once over it", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-nemo-limit-"));
    const backend = createNemoBackend({
      NEMO_BASE_URL: assertLocalNemo(fake.url),
      NEMO_SKILL_PLATFORM: "t",
      NEMO_POLL_MS: 1000,
      NEMO_REGISTER_URL: "https://r.example",
      MAX_UPLOAD_MB: 10,
      NODE_ENV: "test",
      TOKEN_RATE_LIMIT: 2,
      TOKEN_RATE_WINDOW_S: 3600,
      DATA_DIR: dataDir,
    });
    await backend.createToken("a", "2001:db8:1:2::1");
    await backend.createToken("b", "2001:db8:1:2::2");
    const before = fake.calls.filter((c) => c.path === "/api/auth/anonymous-token").length;
    const err = await backend.createToken("c", "2001:db8:1:2::3").then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(err?.code).toBe("rate_limited");
    expect(err?.retryAfter).toBeGreaterThan(0);
    expect(fake.calls.filter((c) => c.path === "/api/auth/anonymous-token").length).toBe(before);
    await expect(backend.createToken("d", "198.51.100.9")).resolves.toMatchObject({
      token: expect.any(String),
    });
    // The limit lives in the nemo backend's own file; the local engine was never opened.
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith(".sqlite"))).toEqual(["nemo.sqlite"]);
    expect((globalThis as { __vsoEngine?: unknown }).__vsoEngine).toBeUndefined();
  });
});
