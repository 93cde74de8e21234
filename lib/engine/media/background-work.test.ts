import { describe, expect, it } from "vitest";
import { createBackgroundWork } from "./background-work";

// A task that runs until released, recording when it started.
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  const task = async (signal: AbortSignal) => {
    log.push(`start ${name}`);
    await Promise.race([
      done,
      new Promise((r) => signal.addEventListener("abort", r, { once: true })),
    ]);
    log.push(`end ${name}`);
  };
  return { task, release };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("background work", () => {
  it("runs a poster in the quick lane while another clip's proxy holds the slow lane", async () => {
    const log: string[] = [];
    const work = createBackgroundWork(() => undefined);
    const proxy = gate(log, "proxy A");
    const strip = gate(log, "filmstrip B");
    const poster = gate(log, "poster B");
    work.add("A", proxy.task);
    work.add("B", strip.task);
    work.add("B", poster.task, "quick");
    await tick();
    expect(log).toEqual(["start proxy A", "start poster B"]);
    poster.release();
    await tick();
    expect(log).toContain("end poster B");
    expect(log).not.toContain("start filmstrip B"); // the slow lane keeps its order
    let settledB = false;
    void work.settled("B").then(() => (settledB = true));
    proxy.release();
    await tick();
    expect(log.at(-1)).toBe("start filmstrip B");
    expect(settledB).toBe(false); // B is settled only when both of its lanes are
    strip.release();
    await work.idle();
    await tick();
    expect(settledB).toBe(true);
  });

  it("cancels every task of a media id, in both lanes, and reports other failures", async () => {
    const errors: string[] = [];
    const work = createBackgroundWork((id, err) => errors.push(`${id}: ${(err as Error).message}`));
    const log: string[] = [];
    const slow = gate(log, "proxy A");
    work.add("A", slow.task);
    work.add("A", gate(log, "poster A").task, "quick");
    work.add(
      "B",
      async () => {
        throw new Error("no frame");
      },
      "quick",
    );
    await tick();
    work.cancel("A");
    await work.idle();
    expect(log).toEqual(["start proxy A", "start poster A", "end proxy A", "end poster A"]);
    expect(errors).toEqual(["B: no frame"]);
  });
});
