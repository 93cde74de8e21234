import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/server/backend/types";
import { probe } from "@/tests/support/make-media";
import { nemoHarness } from "@/tests/fake-nemo/harness";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Contract: cloud renders start with the documented body, are polled (fast first, then
// every NEMO_POLL_MS) in both status shapes, survive a restart, cancel, download by
// redirect to a real MP4, and share without the cookie.

let h: Awaited<ReturnType<typeof nemoHarness>>;
beforeAll(async () => {
  h = await nemoHarness({ fake: { renderShape: "alternate" } });
});
afterAll(() => h.close());

async function withTimeline(): Promise<Caller> {
  const caller = await h.connect();
  await h.backend.importUrls(caller, ["https://media.example/talk.mp4"]);
  await h.backend.applyOps(caller, [{ op: "add_clips" }]);
  return caller;
}

const polls = (id: string) =>
  h.fake.calls.filter((c) => c.method === "GET" && c.path === `/api/render/proxy/lambda/${id}`)
    .length;

/** Moves the clock past the next poll interval and asks for the status. */
async function tick(caller: Caller, id: string, ms = 30_000) {
  h.clock.now += ms;
  return h.backend.exportStatus(caller, id);
}

describe("nemo backend: exports", () => {
  it.each(["data.outputUrl", "status + output.url"])(
    "renders to completion (%s shape) and downloads a real MP4",
    async () => {
      const caller = await withTimeline();
      const job = await h.backend.startExport(caller, { preset: "youtube", preview: false });
      expect(job).toMatchObject({ status: "pending", preset: "youtube", outputUrl: null });
      expect(job.id).toMatch(/^render_\d+$/);
      const start = h.fake.calls.filter((c) => c.path === "/api/render/proxy/lambda").at(-1)!;
      expect(start.body).toMatchObject({
        id: job.id,
        sessionId: caller.sessionId,
        output: { format: "mp4", quality: "high" },
      });
      expect((start.body as { draft: { t: unknown[] } }).draft.t).toHaveLength(1);

      expect((await tick(caller, job.id, 2_000)).status).toBe("processing");
      const done = await tick(caller, job.id, 5_000);
      expect(done).toMatchObject({
        status: "completed",
        progress: 100,
        outputUrl: `/api/exports/${job.id}/download`,
      });
      expect(done.shareUrl).toMatch(/^http:\/\/app\.test\/s\/shr_/);

      const file = await h.backend.download(caller, job.id, "mp4");
      expect(file.kind).toBe("redirect");
      const url = (file as { url: string }).url;
      expect(url.startsWith(h.fake.url)).toBe(true);
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "nemo-dl-")), "out.mp4");
      fs.writeFileSync(out, new Uint8Array(await (await fetch(url)).arrayBuffer()));
      expect(probe(out)).toMatchObject({ videoCodec: "h264", width: 320, height: 240 });
      await expect(h.backend.download(caller, job.id, "srt")).rejects.toMatchObject({
        code: "not_found",
      });
    },
  );

  it("polls fast at first, then no more than every NEMO_POLL_MS however often the studio asks", async () => {
    const caller = await withTimeline();
    const job = await h.backend.startExport(caller, { preset: "youtube", preview: false });
    for (let i = 0; i < 5; i++) await h.backend.exportStatus(caller, job.id); // the studio polls every second
    expect(polls(job.id)).toBe(0);
    h.clock.now += 2_000;
    await h.backend.exportStatus(caller, job.id);
    await h.backend.exportStatus(caller, job.id);
    expect(polls(job.id)).toBe(1);
    h.clock.now += 4_000;
    await h.backend.exportStatus(caller, job.id);
    expect(polls(job.id)).toBe(1); // the second wait is 5 s
    h.clock.now += 1_000;
    await h.backend.exportStatus(caller, job.id);
    expect(polls(job.id)).toBe(2);
  });

  it("keeps render ids across a restart (closing the tab loses nothing)", async () => {
    const caller = await withTimeline();
    const job = await h.backend.startExport(caller, { preset: "shorts", preview: false });
    const restarted = h.make();
    const listed = await restarted.listExports(caller);
    expect(listed.map((j) => j.id)).toContain(job.id);
    h.clock.now += 60_000;
    await restarted.exportStatus(caller, job.id);
    h.clock.now += 60_000;
    expect((await restarted.exportStatus(caller, job.id)).status).toBe("completed");
    expect((await h.backend.state(caller)).exports.find((j) => j.id === job.id)?.status).toBe(
      "completed",
    );
  });

  it("cancels through the cloud", async () => {
    const caller = await withTimeline();
    const job = await h.backend.startExport(caller, { preset: "youtube", preview: false });
    const cancelled = await h.backend.cancelExport(caller, job.id);
    expect(cancelled).toMatchObject({ status: "cancelled", error: "You cancelled this export." });
    expect(
      h.fake.calls.some(
        (c) => c.method === "POST" && c.path === `/api/render/proxy/lambda/${job.id}/cancel`,
      ),
    ).toBe(true);
    h.clock.now += 60_000;
    expect((await h.backend.exportStatus(caller, job.id)).status).toBe("cancelled");
    await expect(h.backend.download(caller, job.id, "mp4")).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("shares a finished export without the session; unknown or unfinished shares are not found", async () => {
    const caller = await withTimeline();
    const job = await h.backend.startExport(caller, { preset: "youtube", preview: false });
    await tick(caller, job.id);
    const done = await tick(caller, job.id);
    const shareId = done.shareUrl!.split("/s/")[1];
    const shared = await h.backend.sharedExport(shareId);
    expect(shared.job).toMatchObject({ id: job.id, status: "completed" });
    expect(shared.title).toBe("Untitled project");
    const file = await h.backend.sharedFile(shareId);
    expect(file).toMatchObject({
      kind: "redirect",
      url: expect.stringContaining(`${h.fake.url}/cdn/renders/`),
    });
    await expect(h.backend.sharedFile("shr_nope")).rejects.toMatchObject({ code: "not_found" });
  });

  it("nobody else's render is reachable", async () => {
    const caller = await withTimeline();
    const job = await h.backend.startExport(caller, { preset: "youtube", preview: false });
    const other = await h.connect();
    await expect(h.backend.exportStatus(other, job.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(h.backend.cancelExport(other, job.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it.each([
    ["402", "plan_required", /^Register or upgrade your plan to unlock export\.$/],
    ["2001", 2001, /free NemoVideo credits/],
    ["1002", 1002, /not found/],
  ] as const)("%s on start -> %s", async (kind, code, message) => {
    const caller = await withTimeline();
    h.fake.failNext(kind, "/api/render/proxy/lambda");
    await expect(
      h.backend.startExport(caller, { preset: "youtube", preview: false }),
    ).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it("refuses previews (they would spend cloud credits) and empty timelines, with sentences", async () => {
    const caller = await withTimeline();
    await expect(
      h.backend.startExport(caller, { preset: "youtube", preview: true }),
    ).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/previews are not available/),
    });
    const empty = await h.connect();
    await expect(
      h.backend.startExport(empty, { preset: "youtube", preview: false }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/nothing to export yet/) });
  });

  it("a failed status check is not a failed render", async () => {
    const caller = await withTimeline();
    const job = await h.backend.startExport(caller, { preset: "youtube", preview: false });
    h.fake.failNext("500", `/api/render/proxy/lambda/${job.id}`);
    expect((await tick(caller, job.id)).status).toBe("pending");
    expect((await tick(caller, job.id)).status).toBe("processing");
  });
});
