import { describe, expect, it } from "vitest";
import { openDatabase } from "../store/open-database";
import { createInProcessQueue } from "../jobs/in-process-queue";
import { createJobStore } from "../jobs/job-store";
import { localParts, type PartTask, type RunParts } from "./render-chunked";
import type { PartHandler } from "./part-files";

// Which parts of a chunked render run at once on this machine: the pictures up to the
// limit, the sound (one core's work) beside them. No ffmpeg: parts are promises we release.

const part = (name: string, beside = false): PartTask => ({
  name,
  key: name,
  object: `${name}.mp4`,
  args: [],
  sources: [],
  ass: null,
  durationMs: 1000,
  weight: 1,
  beside,
});

/** A part handler that waits until its part is released, recording what runs at once. */
function gated() {
  const gates = new Map<string, { done: () => void; fail: (e: Error) => void }>();
  const running = new Set<string>();
  const seen: string[][] = [];
  const make: PartHandler = (p, signal) =>
    new Promise<void>((resolve, reject) => {
      running.add(p.name);
      seen.push([...running].sort());
      const end = () => running.delete(p.name);
      gates.set(p.name, {
        done: () => (end(), resolve()),
        fail: (e) => (end(), reject(e)),
      });
      signal.addEventListener("abort", () => (end(), reject(new Error("aborted"))), {
        once: true,
      });
    });
  const until = async (name: string) => {
    for (let n = 0; n < 200 && !gates.has(name); n++) await new Promise((r) => setTimeout(r, 5));
    const g = gates.get(name);
    if (!g) throw new Error(`${name} never started; running: ${[...running].join(", ")}`);
    return g;
  };
  return { make, running, seen, until };
}

const sound = part("audio", true);
const pictures = [part("video-0000"), part("video-0001"), part("video-0002")];

async function runAll(run: RunParts, g: ReturnType<typeof gated>) {
  const finished: string[] = [];
  const done = run(
    [sound, ...pictures],
    (t, r) => r === 1 && finished.push(t.name),
    new AbortController().signal,
  );
  // The sound and the first picture start together, though the pool is one wide.
  await g.until("audio");
  await g.until("video-0000");
  expect([...g.running].sort()).toEqual(["audio", "video-0000"]);
  (await g.until("video-0000")).done();
  (await g.until("video-0001")).done();
  await g.until("video-0002");
  expect([...g.running].sort()).toEqual(["audio", "video-0002"]);
  (await g.until("audio")).done();
  (await g.until("video-0002")).done();
  await done;
  expect(finished.sort()).toEqual(["audio", "video-0000", "video-0001", "video-0002"]);
  // Never two pictures at once.
  expect(g.seen.every((s) => s.filter((n) => n.startsWith("video")).length <= 1)).toBe(true);
}

describe("localParts", () => {
  it("runs the sound beside the pictures, the pictures one at a time", async () => {
    const g = gated();
    await runAll(localParts(1, g.make), g);
  });

  it("stops the sound and every picture when one picture fails", async () => {
    const g = gated();
    const done = localParts(1, g.make)(
      [sound, ...pictures],
      () => undefined,
      new AbortController().signal,
    );
    await g.until("audio");
    (await g.until("video-0000")).fail(new Error("x264 broke"));
    await expect(done).rejects.toThrow("x264 broke");
    expect(g.running.size).toBe(0);
    // The pictures after the failure never started.
    expect(g.seen.flat()).not.toContain("video-0001");
  });

  it("stops every part on cancel", async () => {
    const g = gated();
    const ac = new AbortController();
    const done = localParts(2, g.make)([sound, ...pictures], () => undefined, ac.signal);
    await g.until("video-0001");
    ac.abort();
    await expect(done).rejects.toThrow("aborted");
    expect(g.running.size).toBe(0);
  });
});

describe("the in-process queue's parts", () => {
  it("holds pictures to the chunk lane's limit across exports; each export's sound takes no slot", async () => {
    const queue = createInProcessQueue({
      store: createJobStore(openDatabase(":memory:")),
      concurrency: 2,
      lanes: { chunk: 1 },
      progressEveryMs: 0,
      log: () => undefined,
    });
    const g = gated();
    queue.defineParts(g.make);
    await runAll(queue.parts("export-1"), g);
    // Two exports at once: both sounds run, one picture between them.
    const signal = new AbortController().signal;
    const a = queue.parts("export-1")(
      [part("audio-a", true), part("video-a")],
      () => undefined,
      signal,
    );
    const b = queue.parts("export-1")(
      [part("audio-b", true), part("video-b")],
      () => undefined,
      signal,
    );
    await g.until("audio-a");
    await g.until("audio-b");
    await g.until("video-a");
    await new Promise((r) => setTimeout(r, 300));
    expect([...g.running].sort()).toEqual(["audio-a", "audio-b", "video-a"]);
    (await g.until("video-a")).done();
    (await g.until("video-b")).done();
    (await g.until("audio-a")).done();
    (await g.until("audio-b")).done();
    await Promise.all([a, b]);
    await queue.shutdown(0);
  });
});
