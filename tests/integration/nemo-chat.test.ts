import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatEvent } from "@/lib/events/schema";
import type { Caller } from "@/lib/server/backend/types";
import { makeClip } from "@/tests/support/make-media";
import { multipart, nemoHarness, textOf } from "@/tests/fake-nemo/harness";

// Contract: one chat turn over /run_sse in both documented shapes, GUI translation,
// heartbeats, silent turns described from the draft diff, and failures that never
// re-send the message.

let h: Awaited<ReturnType<typeof nemoHarness>>;
beforeAll(async () => {
  h = await nemoHarness({ fake: { shape: "nemo" } });
});
afterAll(() => h.close());

/** A connected caller with one uploaded clip placed on the timeline. */
async function withClip(): Promise<Caller> {
  const caller = await h.connect();
  const body = multipart([{ name: "talk.mp4", data: fs.readFileSync(makeClip({ seconds: 3 })) }]);
  await h.backend.upload(caller, {
    body: new Response(new Blob(body.chunks as BlobPart[])).body!,
    contentType: body.contentType,
    contentLength: body.length,
  });
  await h.backend.applyOps(caller, [{ op: "add_clips" }]);
  return caller;
}

const types = (events: ChatEvent[]) => events.map((e) => e.type);
const runSse = () => h.fake.count("/run_sse");

describe("nemo backend: chat", () => {
  it("sends the documented snake_case body and streams NemoVideo's type events", async () => {
    const caller = await withClip();
    h.fake.scriptTurn({ shape: "nemo" });
    const events = await h.collect(h.backend.chat(caller, "add captions"));
    const call = h.fake.calls.filter((c) => c.path === "/run_sse").at(-1)!;
    expect(call.body).toEqual({
      app_name: "nemo_agent",
      user_id: "me",
      session_id: caller.sessionId,
      new_message: { role: "user", parts: [{ text: "add captions" }] },
    });
    expect(call.headers.accept).toBe("text/event-stream");
    expect(textOf(events)).toBe("I added captions.");
    const steps = events.filter((e) => e.type === "step");
    expect(steps).toEqual([
      { type: "step", id: "nemo-step-1", label: "Editing the timeline...", status: "running" },
      { type: "step", id: "nemo-step-1", label: "Editing the timeline...", status: "done" },
    ]);
    const draft = events.find((e) => e.type === "draft");
    expect(draft?.type === "draft" && draft.draft.t.some((t) => t.tt === 7)).toBe(true);
    expect(draft?.type === "draft" && draft.summary).toMatch(/Captions: 2 cues/);
    expect(types(events).at(-1)).toBe("done");
    // Tool payloads never reach the user as JSON.
    expect(JSON.stringify(events.filter((e) => e.type === "text"))).not.toMatch(
      /changes|edit_timeline|\{"ok"/,
    );
    const state = await h.backend.state(caller);
    expect(state.messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "add captions"],
      ["assistant", "I added captions."],
    ]);
  });

  it("ADK shape: partial chunks then the repeated final text are shown once", async () => {
    const caller = await withClip();
    h.fake.scriptTurn({ shape: "adk", text: "I trimmed the intro. It is now two seconds long." });
    const events = await h.collect(h.backend.chat(caller, "trim the intro"));
    expect(textOf(events)).toBe("I trimmed the intro. It is now two seconds long.");
    expect(
      events.filter((e) => e.type === "step").map((e) => e.type === "step" && e.status),
    ).toEqual(["running", "done"]);
  });

  it("reads the stream even when a proxy relabels its Content-Type", async () => {
    const caller = await withClip();
    h.fake.scriptTurn({ shape: "nemo", contentType: "text/plain; charset=utf-8" });
    expect(textOf(await h.collect(h.backend.chat(caller, "add captions")))).toBe(
      "I added captions.",
    );
  });

  it("keep-alives and heartbeat events become heartbeat events", async () => {
    const caller = await withClip();
    h.fake.scriptTurn({ shape: "nemo", heartbeats: 3 });
    const nemo = await h.collect(h.backend.chat(caller, 'add a title "Hi"'));
    expect(nemo.filter((e) => e.type === "heartbeat").length).toBeGreaterThanOrEqual(4); // 1 empty data + 3 heartbeats
    h.fake.scriptTurn({ shape: "adk", heartbeats: 2 });
    const adk = await h.collect(h.backend.chat(caller, 'add a title "Yo"'));
    expect(adk.filter((e) => e.type === "heartbeat").length).toBeGreaterThanOrEqual(5); // comments and empty data lines
  });

  it.each(["nemo", "adk"] as const)(
    "a silent turn (%s) is summarised from the draft diff",
    async (shape) => {
      const caller = await withClip();
      h.fake.scriptTurn({ shape, silent: true });
      const events = await h.collect(h.backend.chat(caller, "trim the intro and add captions"));
      expect(textOf(events)).toBe("Done: cut the video to 2 s (was 3 s); added captions (2 cues).");
      expect(types(events)).toContain("draft");
    },
  );

  it("a silent turn that changed nothing says so instead of staying mute", async () => {
    const caller = await withClip();
    h.fake.scriptTurn({ shape: "nemo", silent: true });
    const events = await h.collect(h.backend.chat(caller, "hmm"));
    expect(textOf(events)).toMatch(/finished without changing the timeline/);
    expect(types(events)).not.toContain("draft");
  });

  it("'click Export' starts our export and says so; 'preview in timeline' shows the text summary", async () => {
    const caller = await withClip();
    const renders = h.fake.count("/api/render/proxy/lambda");
    h.fake.scriptTurn({
      shape: "nemo",
      text: "All set. Preview in timeline to check it. Click Export to download your video.",
    });
    const events = await h.collect(h.backend.chat(caller, "add captions and export for TikTok"));
    const text = textOf(events);
    expect(text).not.toMatch(/click|Preview in timeline/i);
    expect(text).toMatch(/I'm starting the export for you now/);
    expect(text).toMatch(
      /^All set\. I'm starting the export.*\nHere is the timeline as it stands: Timeline \(2 tracks\): 1\. Video: talk\.mp4/,
    );
    const exp = events.find((e) => e.type === "export");
    expect(exp?.type === "export" && exp.job).toMatchObject({
      status: "pending",
      preset: "tiktok",
    });
    expect(h.fake.count("/api/render/proxy/lambda")).toBe(renders + 1);
    const sent = h.fake.calls.filter((c) => c.path === "/api/render/proxy/lambda").at(-1)!.body as {
      draft: { m: { width: number; height: number } };
    };
    expect(sent.draft.m).toMatchObject({ width: 1080, height: 1920 });
  });

  it("an export refused for the plan (402) arrives as an error event with the plan sentence", async () => {
    const caller = await withClip();
    h.fake.failNext("402", "/api/render/proxy/lambda");
    h.fake.scriptTurn({ shape: "nemo", text: "Done. Click Export to download." });
    const events = await h.collect(h.backend.chat(caller, "add captions, then export it"));
    expect(events.find((e) => e.type === "error")).toMatchObject({
      code: "plan_required",
      message: "Register or upgrade your plan to unlock export.",
    });
  });

  it("'export', 'credits' and 'status' alone are answered by their endpoints, never sent to the agent", async () => {
    const caller = await withClip();
    const before = runSse();
    const exported = await h.collect(h.backend.chat(caller, "Export it for TikTok."));
    expect(exported.find((e) => e.type === "export")).toMatchObject({
      job: { status: "pending", preset: "tiktok" },
    });
    expect(textOf(exported)).toMatch(/Exporting your video through NemoVideo now/);
    const credits = await h.collect(h.backend.chat(caller, "how many credits do I have?"));
    expect(credits.find((e) => e.type === "credits")).toMatchObject({
      credits: { available: expect.any(Number) },
    });
    expect(textOf(credits)).toMatch(/^You have \d+ credits available/);
    const status = await h.collect(h.backend.chat(caller, "show tracks"));
    expect(textOf(status)).toMatch(/^Timeline \(1 track\): 1\. Video: talk\.mp4/);
    expect(status.map((e) => e.type)).toEqual(["draft", "text", "done"]);
    expect(runSse()).toBe(before);
    const messages = (await h.backend.state(caller)).messages.map((m) => m.content);
    expect(messages).toEqual(expect.arrayContaining(["Export it for TikTok.", "show tracks"]));
    h.fake.failNext("402", "/api/render/proxy/lambda");
    const refused = await h.collect(h.backend.chat(caller, "export"));
    expect(refused).toEqual([
      {
        type: "error",
        code: "plan_required",
        message: "Register or upgrade your plan to unlock export.",
      },
      { type: "done" },
    ]);
  });

  it.each(["nemo", "adk"] as const)(
    "an error event mid-stream (%s) is shown once and the message is not re-sent",
    async (shape) => {
      const caller = await withClip();
      const before = runSse();
      h.fake.scriptTurn({ shape, errorMessage: "model overloaded" });
      const events = await h.collect(h.backend.chat(caller, "add captions"));
      const errors = events.filter((e) => e.type === "error");
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        code: "upstream",
        message: expect.stringMatching(/model overloaded.*not sent again/),
      });
      expect(runSse()).toBe(before + 1);
      expect(types(events).at(-1)).toBe("done");
    },
  );

  it("credits running out mid-turn (2001 in the stream) give the registration link in the sentence", async () => {
    const caller = await withClip();
    h.fake.scriptTurn({ shape: "nemo", errorMessage: "insufficient credits", errorCode: 2001 });
    const events = await h.collect(h.backend.chat(caller, "add captions"));
    const taskId = h.fake.session(caller.sessionId)!.taskId;
    expect(events.find((e) => e.type === "error")).toEqual({
      type: "error",
      code: 2001,
      message: expect.stringContaining(
        `Register with the link to get more; your project comes with you. https://register.example/signup?bind=${taskId}`,
      ),
    });
  });

  it("a dropped connection is an error event, the timeline is still refreshed, nothing is re-sent", async () => {
    const caller = await withClip();
    const before = runSse();
    h.fake.scriptTurn({ shape: "nemo", drop: true });
    const events = await h.collect(h.backend.chat(caller, "add captions"));
    expect(events.find((e) => e.type === "error")).toMatchObject({
      code: "unavailable",
      message: expect.stringMatching(/dropped.*not sent again/),
    });
    expect(types(events)).toContain("draft"); // the edit had landed: the user sees it
    expect(runSse()).toBe(before + 1);
  });

  it("1001 when opening the stream is an error event, not a throw: the route must not renew and re-send", async () => {
    const caller = await withClip();
    const before = runSse();
    h.fake.failNext("1001", "/run_sse");
    const events = await h.collect(h.backend.chat(caller, "add captions"));
    expect(events).toEqual([
      {
        type: "error",
        code: 1001,
        message: expect.stringMatching(/sign-in expired, so this was not sent/),
      },
      { type: "done" },
    ]);
    expect(runSse()).toBe(before + 1);
    h.fake.failNext("1001", "/run_sse");
    await expect(h.backend.undo(caller)).rejects.toMatchObject({ code: "upstream", status: 401 });
    expect(runSse()).toBe(before + 2);
  });

  it.each([
    ["1002", 1002],
    ["2001", 2001],
    ["429", "rate_limited"],
    ["500", "upstream"],
  ] as const)(
    "%s when opening the stream is thrown before any event, and never retried",
    async (kind, code) => {
      const caller = await withClip();
      const before = runSse();
      h.sleeps.length = 0;
      h.fake.failNext(kind, "/run_sse");
      await expect(h.collect(h.backend.chat(caller, "add captions"))).rejects.toMatchObject({
        code,
      });
      expect(runSse()).toBe(before + 1);
      expect(h.sleeps).toEqual([]); // not even the 429 wait: a message is sent at most once
    },
  );

  it("2001 carries the registration link with ?bind=<task id>", async () => {
    const caller = await withClip();
    h.fake.failNext("2001", "/run_sse");
    const taskId = h.fake.session(caller.sessionId)!.taskId;
    await expect(h.collect(h.backend.chat(caller, "add captions"))).rejects.toMatchObject({
      code: 2001,
      details: { registerUrl: `https://register.example/signup?bind=${taskId}` },
    });
  });

  it("closing the tab aborts the upstream stream", async () => {
    const caller = await withClip();
    const ac = new AbortController();
    h.fake.scriptTurn({ shape: "nemo", heartbeats: 50, heartbeatGapMs: 50 });
    const cut = h.fake.seen.streamsCutByClient;
    const seen: ChatEvent[] = [];
    for await (const ev of h.backend.chat({ ...caller, signal: ac.signal }, "add captions")) {
      seen.push(ev);
      if (seen.filter((e) => e.type === "heartbeat").length === 2) ac.abort();
    }
    expect(types(seen)).not.toContain("done");
    for (let i = 0; i < 100 && h.fake.seen.streamsCutByClient === cut; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(h.fake.seen.streamsCutByClient).toBe(cut + 1);
  });

  it("a turn that outlives the chat timeout ends with a clear error and no re-send", async () => {
    const quick = await nemoHarness({ deps: { chatTimeoutMs: 400 } });
    try {
      const caller = await quick.connect();
      quick.fake.scriptTurn({ shape: "nemo", heartbeats: 40, heartbeatGapMs: 50 });
      const events = await quick.collect(quick.backend.chat(caller, "add captions"));
      expect(events.find((e) => e.type === "error")).toMatchObject({
        code: "timeout",
        message: expect.stringMatching(/15 minutes.*not sent again/),
      });
      expect(quick.fake.count("/run_sse")).toBe(1);
    } finally {
      await quick.close();
    }
  });
});

describe("nemo backend: state, ops, undo, redo", () => {
  it("decodes the cloud draft, keeps unknown fields, and counts versions", async () => {
    const caller = await withClip();
    const s1 = await h.backend.state(caller);
    expect(s1.draft.t[0].sg[0]).toMatchObject({
      name: "talk.mp4",
      fx: { engine: "nemo" },
      src: s1.media[0].id,
    });
    expect((s1.draft.t[0].sg[0] as { cloudSrc?: string }).cloudSrc).toBe(s1.media[0].url);
    expect(s1.summary).toMatch(/^Timeline \(1 track\): 1\. Video: talk\.mp4/);
    await h.collect(h.backend.chat(caller, "add captions"));
    const s2 = await h.backend.state(caller);
    expect(s2.version).toBe(s1.version + 1);
    expect(s2.canUndo).toBe(true);
    expect(s2.media.map((m) => m.name)).toEqual(["talk.mp4"]);
  });

  it("applyOps goes to the agent in plain words, once", async () => {
    const caller = await h.connect();
    const body = multipart([{ name: "a.mp4", data: fs.readFileSync(makeClip({ seconds: 2 })) }]);
    const up = await h.backend.upload(caller, {
      body: new Response(new Blob(body.chunks as BlobPart[])).body!,
      contentType: body.contentType,
      contentLength: body.length,
    });
    const before = runSse();
    const state = await h.backend.applyOps(caller, [
      { op: "add_clips", mediaIds: [up.files[0].id] },
      { op: "captions" },
    ]);
    expect(runSse()).toBe(before + 1);
    const sent = h.fake.calls.filter((c) => c.path === "/run_sse").at(-1)!.body as {
      new_message: { parts: { text: string }[] };
    };
    expect(sent.new_message.parts[0].text).toBe('Put "a.mp4" on the timeline, then add captions.');
    expect(state.draft.t.map((t) => t.tt)).toEqual([0, 7]);
    expect(state.messages).toEqual([]); // direct edits are not chat
  });

  it("undo and redo are requests to the agent, then the fresh state", async () => {
    const caller = await withClip();
    await h.collect(h.backend.chat(caller, "add captions"));
    const undone = await h.backend.undo(caller);
    expect(undone.draft.t.some((t) => t.tt === 7)).toBe(false);
    expect(undone.canRedo).toBe(true);
    expect(
      (
        h.fake.calls.filter((c) => c.path === "/run_sse").at(-1)!.body as {
          new_message: { parts: { text: string }[] };
        }
      ).new_message.parts[0].text,
    ).toBe("Undo the last change.");
    const redone = await h.backend.redo(caller);
    expect(redone.draft.t.some((t) => t.tt === 7)).toBe(true);
    expect(redone.canRedo).toBe(false);
  });

  it("an error inside an undo turn fails the request with the sentence", async () => {
    const caller = await withClip();
    h.fake.scriptTurn({ shape: "adk", errorMessage: "nothing to undo" });
    await expect(h.backend.undo(caller)).rejects.toMatchObject({
      code: "upstream",
      message: expect.stringMatching(/nothing to undo/),
    });
  });

  it("never puts the token in anything it returns", async () => {
    const caller = await withClip();
    const everything = JSON.stringify([
      await h.backend.state(caller),
      await h.backend.credits(caller),
      await h.backend.listProjects(caller),
      await h.collect(h.backend.chat(caller, "add captions")),
    ]);
    expect(everything).not.toContain(caller.token);
    expect(everything).not.toMatch(/nmv_usr_/);
  });
});
