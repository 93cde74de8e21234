import { describe, expect, it } from "vitest";
import { uploadFile, type XhrLike } from "./upload-file";

// A fake XMLHttpRequest: the test plays the server's part.
class FakeXhr {
  status = 0;
  responseText = "";
  withCredentials = false;
  upload: XhrLike["upload"] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  opened: [string, string] | null = null;
  sent: FormData | null = null;
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  send(body: FormData) {
    this.sent = body;
  }
  setRequestHeader() {}
  abort() {
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === "string" ? body : JSON.stringify(body);
    this.onload?.();
  }
}

function start() {
  const xhr = new FakeXhr();
  const progress: number[] = [];
  const file = new File([new Uint8Array(1000)], "clip.mp4", { type: "video/mp4" });
  const handle = uploadFile(file, {
    createXhr: () => xhr as unknown as XhrLike,
    onProgress: (p) => progress.push(p.loaded / p.total),
  });
  return { xhr, handle, progress };
}

describe("uploadFile", () => {
  it("posts the file in field 'files' and resolves with the server's media", async () => {
    const { xhr, handle, progress } = start();
    expect(xhr.opened).toEqual(["POST", "/api/upload"]);
    expect((xhr.sent!.get("files") as File).name).toBe("clip.mp4");
    xhr.upload.onprogress!({ loaded: 500, total: 1000, lengthComputable: true });
    xhr.upload.onprogress!({ loaded: 1000, total: 1000, lengthComputable: true });
    xhr.answer(200, { files: [{ id: "m1" }] });
    await expect(handle.promise).resolves.toEqual({ files: [{ id: "m1" }] });
    expect(progress).toEqual([0.5, 1]);
  });

  it.each([
    [
      415,
      {
        error: { code: 4001, message: "This file is not a video, image or audio file we can use." },
      },
      4001,
      /not a video/,
    ],
    [413, { error: { code: 4002, message: "This file is larger than 500 MB." } }, 4002, /500 MB/],
    [502, "<html>Bad gateway</html>", "internal", /unexpected error \(HTTP 502\)/],
    [200, "not json", "internal", /unexpected error/],
  ])("rejects HTTP %d with a sentence", async (status, body, code, message) => {
    const { xhr, handle } = start();
    xhr.answer(status, body);
    await expect(handle.promise).rejects.toMatchObject({
      code,
      message: expect.stringMatching(message),
    });
  });

  it("cancels", async () => {
    const { handle } = start();
    handle.abort();
    await expect(handle.promise).rejects.toMatchObject({ code: "cancelled" });
  });

  it("reports a dropped connection", async () => {
    const { xhr, handle } = start();
    xhr.onerror!();
    await expect(handle.promise).rejects.toMatchObject({ code: "unavailable" });
  });
});
