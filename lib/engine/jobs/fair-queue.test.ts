import { describe, expect, it } from "vitest";
import { z } from "zod";
import { openDatabase } from "../store/open-database";
import { createInProcessQueue, pickFair } from "./in-process-queue";
import { createJobStore } from "./job-store";
import type { JobDefinition } from "./queue";

// Fair turns across visitors (issue 14, finding 1). Before, the queue ran jobs oldest
// first, so a visitor who queued ten jobs made everyone after them wait for all ten.

function setup() {
  const store = createJobStore(openDatabase(":memory:"));
  const queue = createInProcessQueue({
    store,
    concurrency: 1,
    progressEveryMs: 0,
    log: () => undefined,
  });
  const order: string[] = [];
  const gates = new Map<string, () => void>();
  const def: JobDefinition<{ n: number }> = {
    kind: "export",
    payload: z.object({ n: z.number() }),
    run: (_p, ctx) =>
      new Promise((resolve) => {
        order.push(ctx.jobId);
        gates.set(ctx.jobId, () => resolve({ output: null }));
      }),
  };
  queue.define(def);
  const add = (id: string, tokenId: string) =>
    queue.enqueue({
      id,
      sessionId: `ses_${tokenId}`,
      tokenId,
      kind: "export",
      preset: null,
      payload: { n: 1 },
      credits: 0,
    });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  };
  const finishNext = async () => {
    const id = order.at(-1)!;
    await until(() => gates.has(id));
    gates.get(id)!();
    gates.delete(id);
    await until(() => order.length > 0 && order.at(-1) !== id);
  };
  return { queue, order, add, finishNext, until };
}

describe("fair turns across visitors", () => {
  it("runs another visitor's first job right after the hostile visitor's running one, not after all ten", async () => {
    const { queue, order, add, finishNext, until } = setup();
    for (let i = 0; i < 10; i++) add(`hostile-${i}`, "hostile");
    await until(() => order.length === 1);
    add("alice-0", "alice");
    add("bob-0", "bob");
    await finishNext();
    await finishNext();
    await finishNext();
    expect(order.slice(0, 4)).toEqual(["hostile-0", "alice-0", "bob-0", "hostile-1"]);
    queue.close();
  });

  it("a visitor with a preview rendering yields the export turn to one with nothing running", async () => {
    const store = createJobStore(openDatabase(":memory:"));
    const queue = createInProcessQueue({
      store,
      concurrency: 1,
      lanes: { preview: 1 },
      progressEveryMs: 0,
      log: () => undefined,
    });
    const order: string[] = [];
    const gates = new Map<string, () => void>();
    for (const kind of ["export", "preview"]) {
      queue.define({
        kind,
        payload: z.object({ n: z.number() }),
        run: (_p, ctx) =>
          new Promise((resolve) => {
            order.push(ctx.jobId);
            gates.set(ctx.jobId, () => resolve({ output: null }));
          }),
      });
    }
    const add = (id: string, tokenId: string, kind: string) =>
      queue.enqueue({
        id,
        sessionId: `ses_${tokenId}`,
        tokenId,
        kind,
        preset: null,
        payload: { n: 1 },
        credits: 0,
      });
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    };
    add("hostile-preview", "hostile", "preview"); // renders in the preview lane (served first)
    await until(() => order.length === 1);
    add("alice-export-0", "alice", "export"); // renders in the export lane (served after)
    await until(() => order.length === 2);
    add("hostile-export", "hostile", "export");
    add("alice-export-1", "alice", "export");
    gates.get("alice-export-0")!();
    await until(() => order.length === 3);
    // Counting only the export lane, both have nothing running and the hostile visitor,
    // served longer ago, would go first while its preview still renders.
    expect(order[2]).toBe("alice-export-1");
    queue.close();
  });

  it.each([
    [
      "round-robin by how many each token has ahead",
      [{ tokenId: "a" }],
      ["a", "a", "b", "a", "c"],
      2,
    ],
    ["a token with a running job yields to one without", [{ tokenId: "a" }], ["a", "b"], 1],
    ["oldest first among equals", [], ["a", "b", "c"], 0],
  ])("pickFair: %s", (_label, running, tokens, want) => {
    const waiting = tokens.map((tokenId, i) => ({ i, tokenId }));
    expect(pickFair(waiting, running)?.i).toBe(want);
  });

  it("pickFair: among equal ranks, the token served longest ago goes first", () => {
    const waiting = ["a", "b", "c"].map((tokenId, i) => ({ i, tokenId }));
    expect(
      pickFair(
        waiting,
        [],
        new Map([
          ["a", 5],
          ["b", 2],
        ]),
      )?.i,
    ).toBe(2); // c never served
    expect(
      pickFair(
        waiting.slice(0, 2),
        [],
        new Map([
          ["a", 5],
          ["b", 2],
        ]),
      )?.i,
    ).toBe(1);
  });
});
