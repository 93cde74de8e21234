import { describe, expect, it } from "vitest";
import { useTestServer } from "@/tests/support/test-server";

useTestServer();

describe("GET /api/health", () => {
  it("answers with the backend and opens the engine", async () => {
    const { GET } = await import("./route");
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, backend: "local" });
    expect((globalThis as Record<string, unknown>).__vsoEngine).toBeTruthy();
  });
});
