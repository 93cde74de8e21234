import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRange, sendFile } from "./send-file";

describe("parseRange", () => {
  it.each([
    [null, 100, null],
    ["bytes=0-9", 100, { start: 0, end: 9 }],
    ["bytes=90-", 100, { start: 90, end: 99 }],
    ["bytes=-10", 100, { start: 90, end: 99 }],
    ["bytes=50-1000", 100, { start: 50, end: 99 }],
    ["bytes=100-", 100, "invalid"],
    ["bytes=9-3", 100, "invalid"],
    ["bytes=-", 100, "invalid"],
    ["items=0-1", 100, "invalid"],
  ] as const)("%s of %i bytes", (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe("sendFile", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vso-send-")), "a.bin");
  fs.writeFileSync(file, Buffer.from("0123456789"));
  const result = {
    kind: "file" as const,
    path: file,
    contentType: "video/mp4",
    filename: "clip é.mp4",
  };

  it("sends a byte range with 206", async () => {
    const res = await sendFile(
      new Request("http://x/", { headers: { range: "bytes=2-4" } }),
      result,
    );
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe("bytes 2-4/10");
    expect(await res.text()).toBe("234");
  });

  it("sends the whole file with its name", async () => {
    const res = await sendFile(new Request("http://x/"), result, { download: true });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="clip _.mp4"; filename\*=UTF-8''clip%20%C3%A9.mp4$/,
    );
    expect(await res.text()).toBe("0123456789");
  });

  it("answers 416 to an unsatisfiable range", async () => {
    const res = await sendFile(
      new Request("http://x/", { headers: { range: "bytes=50-" } }),
      result,
    );
    expect(res.status).toBe(416);
  });

  it("says the file is gone when it is", async () => {
    await expect(
      sendFile(new Request("http://x/"), { ...result, path: file + ".missing" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
