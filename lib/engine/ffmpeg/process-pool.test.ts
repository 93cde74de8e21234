import { afterEach, describe, expect, it } from "vitest";
import { forkWhisper } from "../transcribe/whisper-transcriber";
import { acquireProcessSlot, processPoolState, setProcessLimit } from "./process-pool";

// The media-process pool: excess work waits in line, an abort leaves the line, and
// whisper.cpp (the heaviest tool) takes a slot like ffmpeg does.

afterEach(() => setProcessLimit(4));

const tick = () => new Promise((r) => setTimeout(r, 20));

describe("process pool", () => {
  it("lets the waiting run in arrival order as slots come back", async () => {
    setProcessLimit(1);
    const order: number[] = [];
    const first = await acquireProcessSlot();
    const waiting = [1, 2, 3].map((n) =>
      acquireProcessSlot().then((release) => (order.push(n), release)),
    );
    await tick();
    expect(processPoolState()).toMatchObject({ active: 1, waiting: 3 });
    first();
    for (const w of waiting) (await w)();
    expect(order).toEqual([1, 2, 3]);
  });

  it("an abort while waiting leaves the line without taking a slot", async () => {
    setProcessLimit(1);
    const held = await acquireProcessSlot();
    const ac = new AbortController();
    const waiting = acquireProcessSlot(ac.signal);
    ac.abort();
    await expect(waiting).rejects.toThrow(/cancelled/);
    expect(processPoolState()).toMatchObject({ active: 1, waiting: 0 });
    held();
    expect(processPoolState().active).toBe(0);
  });

  it("whisper.cpp waits for a slot: with the pool full it starts nothing until cancelled", async () => {
    setProcessLimit(1);
    const held = await acquireProcessSlot();
    const ac = new AbortController();
    const run = forkWhisper({
      modelPath: "/nonexistent/model.bin",
      wavPath: "/nonexistent.wav",
      options: {},
      signal: ac.signal,
    } as never);
    await tick();
    expect(processPoolState().waiting).toBe(1);
    ac.abort();
    await expect(run).rejects.toThrow(/cancelled/);
    held();
  });
});
