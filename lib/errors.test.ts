import { describe, expect, it } from "vitest";
import { AppError, errorFromBody, statusForCode } from "./errors";

describe("AppError", () => {
  it.each([
    [1001, 401],
    [1002, 404],
    [2001, 402],
    [4001, 415],
    [4002, 413],
    ["validation", 422],
    ["not_found", 404],
    ["rate_limited", 429],
    ["internal", 500],
  ] as const)("maps %s to HTTP %i", (code, status) => {
    expect(statusForCode(code)).toBe(status);
    expect(new AppError(code, "x").status).toBe(status);
  });

  it("serialises to the shared error body and back", () => {
    const err = new AppError("validation", "Say which preset.", { field: "preset" });
    const body = err.toBody();
    expect(body).toEqual({
      error: { code: "validation", message: "Say which preset.", field: "preset" },
    });
    const back = errorFromBody(body, 422);
    expect(back.code).toBe("validation");
    expect(back.field).toBe("preset");
  });

  it("turns an unreadable body into a sentence", () => {
    const err = errorFromBody("<html>", 502);
    expect(err.code).toBe("internal");
    expect(err.message).toMatch(/try again/);
  });
});

describe("AppError across module copies", () => {
  it("recognises an AppError made by another copy of this module", async () => {
    const { vi } = await import("vitest");
    vi.resetModules();
    const copy = (await import(
      /* @vite-ignore */ "./errors?copy" as string
    )) as typeof import("./errors");
    const foreign = new copy.AppError(4001, "from the other copy");
    expect(copy.AppError).not.toBe(AppError);
    expect(foreign instanceof AppError).toBe(true);
    expect(new Error("plain") instanceof AppError).toBe(false);
  });

  it("keeps subclass checks exact", async () => {
    class Special extends AppError {}
    expect(new Special("internal", "x") instanceof Special).toBe(true);
    expect(new AppError("internal", "x") instanceof Special).toBe(false);
    expect(new Special("internal", "x") instanceof AppError).toBe(true);
  });
});
