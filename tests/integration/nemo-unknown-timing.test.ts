import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/server/backend/types";
import type { FakeDraft } from "@/tests/fake-nemo/fake-edits";
import { nemoHarness } from "@/tests/fake-nemo/harness";

// Contract: the cloud does not publish its segment fields. A draft whose segments time
// themselves with fields we do not know (`s`/`e` here) still shows every segment, in
// order and marked "timing unknown", and an export sends the cloud's draft exactly as
// the cloud gave it, whether the studio or the cloud agent starts it.

let h: Awaited<ReturnType<typeof nemoHarness>>;
beforeAll(async () => {
  h = await nemoHarness();
});
afterAll(() => h.close());

/** A session whose cloud draft uses unfamiliar segment fields, with one of our uploads in it. */
async function withUnfamiliarDraft(): Promise<{ caller: Caller; cloud: FakeDraft }> {
  const caller = await h.connect();
  await h.backend.importUrls(caller, ["https://media.example/talk.mp4"]);
  const session = h.fake.session(caller.sessionId)!;
  const talk = session.media[0].cdnUrl;
  const cloud: FakeDraft = {
    t: [
      {
        tt: 0,
        sg: [
          { id: "c1", s: 0, e: 4000, src: talk, fx: { glow: 1 } },
          { id: "c2", s: 4000, e: 9000, src: "https://cdn.example/elsewhere/broll.mov", lane: 2 },
        ],
      },
      { tt: 7, sg: [{ id: "t1", s: 500, e: 2500, text: "Welcome" }] },
    ],
    d: 9000,
    m: { title: "project", width: 1920, height: 1080 },
  };
  session.draft = structuredClone(cloud);
  return { caller, cloud };
}

const lastRenderDraft = () =>
  (
    h.fake.calls.filter((c) => c.method === "POST" && c.path === "/api/render/proxy/lambda").at(-1)
      ?.body as { draft: unknown } | undefined
  )?.draft;

describe("nemo backend: a cloud draft with segment fields we do not know", () => {
  it('shows every segment with what is known: source, order, and "timing unknown"', async () => {
    const { caller } = await withUnfamiliarDraft();
    const state = await h.backend.state(caller);
    const video = state.draft.t.find((t) => t.tt === 0)!;
    expect(video.sg.map((s) => [s.id, s.name, (s as { timing?: string }).timing])).toEqual([
      ["c1", "talk.mp4 (timing unknown)", "unknown"],
      ["c2", "broll.mov (timing unknown)", "unknown"],
    ]);
    // In order, one after the other, never on top of each other.
    expect(video.sg[1].st).toBeGreaterThanOrEqual(video.sg[0].st + video.sg[0].d);
    // Our upload is recognised as the first segment's source.
    const talk = state.media.find((m) => m.name === "talk.mp4")!;
    expect((video.sg[0] as { src: string }).src).toBe(talk.id);
    expect(state.draft.t.find((t) => t.tt === 7)!.sg[0]).toMatchObject({
      text: "Welcome",
      timing: "unknown",
    });
    expect(state.summary).toMatch(
      /Video: talk\.mp4 \(timing unknown\) \+ broll\.mov \(timing unknown\)/,
    );
    expect(state.summary).toMatch(
      /3 segments from the cloud have timing this studio cannot read \(unknown fields: s, e, fx, lane\)/,
    );
    expect(state.summary).not.toMatch(/empty/);
  });

  it("an export started by the studio sends the cloud's draft unchanged", async () => {
    const { caller, cloud } = await withUnfamiliarDraft();
    const job = await h.backend.startExport(caller, { preset: "youtube", preview: false });
    expect(job.status).toBe("pending");
    expect(lastRenderDraft()).toEqual(cloud);
  });

  it('"export it" in the chat starts a render of the cloud\'s draft instead of saying there is nothing to export', async () => {
    const { caller, cloud } = await withUnfamiliarDraft();
    const events = await h.collect(h.backend.chat(caller, "Export it for YouTube."));
    expect(events.find((e) => e.type === "error")).toBeUndefined();
    expect(events.find((e) => e.type === "export")).toMatchObject({
      job: { status: "pending", preset: "youtube" },
    });
    expect(lastRenderDraft()).toEqual(cloud);
  });

  it("still refuses a cloud draft that really has no segments", async () => {
    const caller = await h.connect();
    await expect(
      h.backend.startExport(caller, { preset: "youtube", preview: false }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/nothing to export yet/) });
  });
});
