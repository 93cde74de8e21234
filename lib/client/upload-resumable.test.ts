import { describe, expect, it } from "vitest";
import { tusError, tusResult } from "./upload-resumable";

const response = (status: number, body: string) => ({
  getStatus: () => status,
  getBody: () => body,
  getHeader: () => undefined,
  getUnderlyingObject: () => null,
});
const failed = (res: ReturnType<typeof response> | null) =>
  Object.assign(new Error("tus: failed"), {
    originalResponse: res,
    originalRequest: null,
    causingError: null,
  });

describe("resumable upload answers", () => {
  it.each([
    [
      "the server's refusal, sentence and code kept",
      response(
        413,
        JSON.stringify({
          error: { code: 4002, message: "This file is larger than the 20 MB limit." },
        }),
      ),
      4002,
      /larger than the 20 MB limit/,
    ],
    [
      "a refused file after its last byte",
      response(
        415,
        JSON.stringify({ error: { code: 4001, message: "This file is not a video." } }),
      ),
      4001,
      /not a video/,
    ],
    [
      "no answer at all (connection gone)",
      null,
      "unavailable",
      /Drop the same file again to carry on/,
    ],
    [
      "a status 0 (browser gave up)",
      response(0, ""),
      "unavailable",
      /carry on from where it stopped/,
    ],
    [
      "an answer that is not ours",
      response(502, "<html>Bad gateway</html>"),
      "internal",
      /HTTP 502/,
    ],
  ])("turns %s into a sentence", (_what, res, code, message) => {
    const err = tusError(failed(res) as unknown as Error);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });

  it("reads the finishing answer, and an empty one as nothing new (the bin refreshes)", () => {
    expect(tusResult(JSON.stringify({ files: [{ id: "med_1" }], failed: [] })).files).toEqual([
      { id: "med_1" },
    ]);
    expect(tusResult("")).toEqual({ files: [], failed: [] });
    expect(tusResult("not json")).toEqual({ files: [], failed: [] });
  });
});
