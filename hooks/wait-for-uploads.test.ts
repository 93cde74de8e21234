import { beforeEach, describe, expect, it } from "vitest";
import { useUploadsStore } from "@/stores/uploads";
import {
  failedUploadsSentence,
  uploadsInFlight,
  waitForUploads,
  waitingLabel,
} from "./wait-for-uploads";

// A chat request waits for the uploads in flight, reporting their progress, and names
// the file and the reason when one fails.

describe("waiting for uploads", () => {
  beforeEach(() => useUploadsStore.setState({ entries: [] }));

  it("resolves once every upload it waits for has settled, with progress on the way", async () => {
    const store = useUploadsStore.getState();
    store.add({ id: "a", name: "a.mp4", size: 1000, status: "uploading", message: null });
    store.add({ id: "b", name: "b.mp4", size: 2000, status: "uploading", message: null });
    const labels: string[] = [];
    const waiting = uploadsInFlight(useUploadsStore.getState().entries);
    expect(waiting.map((e) => e.id)).toEqual(["a", "b"]);
    const done = waitForUploads(
      waiting.map((e) => e.id),
      (es) => labels.push(waitingLabel(es)),
      new AbortController().signal,
    );
    store.progress("a", 500);
    store.settle("a", "done");
    store.settle("b", "failed", "The connection dropped at 40%.");
    const settled = await done;
    expect(settled.map((e) => e.status)).toEqual(["failed", "done"]);
    expect(labels[0]).toBe(
      "Waiting for 2 uploads to finish before I start: b.mp4 0% (0 B of 2.0 KB), a.mp4 0% (0 B of 1000 B)",
    );
    expect(labels).toContain(
      "Waiting for 2 uploads to finish before I start: b.mp4 0% (0 B of 2.0 KB), a.mp4 50% (500 B of 1000 B)",
    );
    expect(failedUploadsSentence(settled.filter((e) => e.status !== "done"))).toBe(
      'I waited for your files, but "b.mp4" did not upload (The connection dropped at 40%). Drop it again (or pick another file), then send your request again.',
    );
  });

  it("says it in Chinese to a Chinese request", () => {
    const store = useUploadsStore.getState();
    store.add({ id: "a", name: "a.mp4", size: 1000, status: "uploading", message: null });
    store.progress("a", 500);
    const entries = useUploadsStore.getState().entries;
    expect(waitingLabel(entries, "zh")).toBe(
      "等你的上传完成后我再开始：a.mp4 50%（500 B / 1000 B）",
    );
    store.settle("a", "failed", "The server is busy.");
    expect(failedUploadsSentence(useUploadsStore.getState().entries, "zh")).toBe(
      "我等了你的文件，但“a.mp4”没有上传成功（The server is busy）。请重新拖入（或选择另一个文件），然后再发送一次请求。",
    );
  });

  it("stops waiting when the request is stopped", async () => {
    useUploadsStore
      .getState()
      .add({ id: "a", name: "a.mp4", size: 10, status: "uploading", message: null });
    const ctrl = new AbortController();
    const done = waitForUploads(["a"], () => undefined, ctrl.signal);
    ctrl.abort();
    await expect(done).rejects.toThrow("Stopped");
  });
});
