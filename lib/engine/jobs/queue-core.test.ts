import { describe, expect, it } from "vitest";
import { z } from "zod";
import { openDatabase } from "../store/open-database";
import { createJobStore } from "./job-store";
import type { JobResult } from "./queue";
import { createQueueCore } from "./queue-core";

// How a run's end reaches its row (the in-process queue after running it, the BullMQ web
// process when a worker reports it): once, with what the run stored recorded as the row
// completes, or handed back for deletion when the row had already ended otherwise.

function setup() {
  const store = createJobStore(openDatabase(":memory:"));
  const core = createQueueCore(store, { log: () => undefined });
  const accepted: string[] = [];
  const settled: string[] = [];
  core.define({
    kind: "test",
    payload: z.object({}),
    run: async () => ({ output: null }),
    accept: (id, result, kept) => accepted.push(`${id}:${result.output}:${kept}`),
  });
  core.onSettled((j) => settled.push(`${j.id}:${j.status}`));
  const add = (id: string) =>
    store.insert({
      id,
      sessionId: "ses",
      tokenId: "tok",
      kind: "test",
      preset: null,
      payload: {},
      credits: 5,
    });
  return { store, core, accepted, settled, add };
}

const done = (output: string): { status: "completed"; result: JobResult } => ({
  status: "completed",
  result: { output, stored: [{ name: "video.mp4", key: `${output}/video.mp4`, size: 1 }] },
});

describe("applying a run's end", () => {
  it("completes the row once, records what was stored, and settles it once even when heard twice", () => {
    const { store, core, accepted, settled, add } = setup();
    add("a");
    core.apply("a", done("exports/a"));
    core.apply("a", done("exports/a")); // the event and the reconciler both heard it
    expect(store.get("a")).toMatchObject({ status: "completed", output: "exports/a" });
    expect(accepted).toEqual(["a:exports/a:true", "a:exports/a:false"]);
    expect(settled).toEqual(["a:completed"]);
  });

  it("a result for a row cancelled meanwhile leaves it cancelled and hands what was stored back", () => {
    const { store, core, accepted, settled, add } = setup();
    add("b");
    core.apply("b", { status: "cancelled", error: "You cancelled this export." });
    core.apply("b", done("exports/b"));
    expect(store.get("b")).toMatchObject({ status: "cancelled", output: null });
    expect(accepted).toEqual(["b:exports/b:false"]);
    expect(settled).toEqual(["b:cancelled"]);
  });
});
