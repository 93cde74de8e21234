import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { chatEventSchema } from "@/lib/events/schema";
import type { ExportRecord } from "../exports/export-record";
import type { TurnEvent } from "./turn-event";
import { createDraftStore } from "../drafts/draft-store";
import { createMessages } from "../messages/messages";
import { applyOp } from "../ops/apply-op";
import { fakeMedia } from "@/tests/support/engine/ops-testing";
import { createRulePlanner } from "../planner/planner";
import { createSessions } from "../sessions/sessions";
import { openDatabase } from "../store/open-database";
import type { MediaRecord } from "../media/types";
import type { AgentDeps } from "./agent-deps";
import { createPlanHistory } from "./plan-history";
import { runTurn } from "./run-turn";

// runTurn against the real draft store, messages and ops, with small in-test media,
// analysis, transcriber and export queue, so every path is exercised without ffmpeg.

function setup(
  media: MediaRecord[] = [fakeMedia("v1", "video", 20_000)],
  over: Partial<AgentDeps> = {},
) {
  const db = openDatabase(
    path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vso-agent-")), "t.sqlite"),
  );
  const session = createSessions(db).create("tok");
  const drafts = createDraftStore(db);
  const messages = createMessages(db);
  let n = 0;
  const exportsStarted: string[] = [];
  const listeners = new Map<string, (j: ExportRecord) => void>();
  const job = (status: ExportRecord["status"], progress: number): ExportRecord => ({
    id: "exp_1",
    status,
    progress,
    eta: null,
    preset: "youtube",
    width: 1920,
    height: 1080,
    shareId: status === "completed" ? "shr_x" : null,
    hasSrt: false,
    hasVtt: false,
    error: null,
    createdAt: "",
    updatedAt: "",
  });
  const deps: AgentDeps = {
    drafts,
    messages,
    history: createPlanHistory(db),
    listMedia: () => media,
    transcribe: async () => ({
      engine: "fake-asr",
      language: "en",
      words: [
        { w: "hello", s: 3100, e: 3500 },
        { w: "world", s: 3600, e: 4000 },
      ],
    }),
    exports: {
      start: (_s, _t, input) => {
        exportsStarted.push(input.preset);
        setTimeout(() => {
          listeners.get("exp_1")?.(job("processing", 40.2));
          listeners.get("exp_1")?.(job("processing", 40.7));
          setTimeout(() => listeners.get("exp_1")?.(job("completed", 100)), 30);
        }, 20);
        return job("pending", 0);
      },
      subscribe: (id, l) => {
        listeners.set(id, l);
        return () => listeners.delete(id);
      },
      get: () => job("pending", 0),
    },
    credits: () => ({ available: 95, frozen: 5, total: 100, enabled: true, registerUrl: null }),
    applyOp,
    planner: createRulePlanner(),
    findContentStart: async (_m, o) => ({
      startMs: o.speechStartMs ? o.speechStartMs - 100 : 2900,
      reason: o.speechStartMs ? "speech starts at 3.1 s" : "sound starts at 3.0 s",
      findings: o.speechStartMs ? ["speech starts at 3.1 s"] : ["silence until 3.0 s"],
    }),
    findSilences: async () => [
      { start: 0, end: 2000 },
      { start: 8000, end: 10_000 },
    ],
    newId: () => `g${++n}`,
    heartbeatMs: 15_000,
    ...over,
  };
  return { deps, db, sessionId: session.id, drafts, messages, exportsStarted };
}

async function collect(gen: AsyncIterable<TurnEvent>): Promise<TurnEvent[]> {
  const out: TurnEvent[] = [];
  for await (const e of gen) {
    expect(chatEventSchema.safeParse(e).success).toBe(true);
    out.push(e);
  }
  return out;
}
const text = (events: TurnEvent[]) =>
  events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");
const types = (events: TurnEvent[]) => events.map((e) => e.type);

describe("runTurn", () => {
  it("opens with a step before any work, and ends with done", async () => {
    const { deps, sessionId } = setup();
    const gen = runTurn(deps, {
      sessionId,
      tokenId: "tok",
      message: "how many credits do I have?",
    });
    const first = await gen.next();
    expect(first.value).toMatchObject({ type: "step", id: "plan", status: "running" });
    const rest = await collect({ [Symbol.asyncIterator]: () => gen });
    expect(rest.at(-1)).toEqual({ type: "done" });
    expect(rest.find((e) => e.type === "credits")).toMatchObject({ credits: { available: 95 } });
    expect(text(rest)).toMatch(/95 credits available \(5 more are held/);
  });

  it("trims the intro, adds captions and exports: one draft version, tips, export progress, messages saved", async () => {
    const { deps, sessionId, drafts, messages, exportsStarted } = setup();
    const events = await collect(
      runTurn(deps, {
        sessionId,
        tokenId: "tok",
        message: "trim the intro, add captions, and export for YouTube",
        shareLink: (id) => `https://app.test/s/${id}`,
      }),
    );
    const plan = events.find((e) => e.type === "plan");
    expect(plan).toMatchObject({ planner: "rules", plan: { intent: "edit" } });
    const steps = events
      .filter((e) => e.type === "step")
      .map((e) => e.type === "step" && `${e.id}:${e.status}`);
    expect(steps).toEqual([
      "plan:running",
      "plan:done",
      "listen-1:running",
      "listen-1:done",
      "intro-2:running",
      "intro-2:done",
    ]);
    const draftEvents = events.filter((e) => e.type === "draft");
    expect(draftEvents).toHaveLength(1);
    expect(drafts.current(sessionId).version).toBe(1); // add_clips + trim + captions + export = one version
    const draft = drafts.current(sessionId).draft;
    expect(draft.t[0].sg[0]).toMatchObject({ src: "v1", in: 3000 });
    expect(draft.t.some((t) => t.m.role === "captions" && t.m.engine === "fake-asr")).toBe(true);
    expect(draft.m.preset).toBe("youtube");
    expect(text(events)).toMatch(/Speech starts at 3.1 s; I cut the first 3.0 s\./);
    expect(events.filter((e) => e.type === "tip").length).toBeGreaterThanOrEqual(2);
    expect(exportsStarted).toEqual(["youtube"]);
    const progress = events
      .filter((e) => e.type === "export")
      .map((e) => e.type === "export" && e.job.status);
    expect(progress).toEqual(["pending", "processing", "completed"]); // 40.2 and 40.7 are one whole percent
    expect(text(events)).toMatch(
      /ready \(1920x1080\).*share this link: https:\/\/app\.test\/s\/shr_x\./,
    );
    expect(types(events).at(-1)).toBe("done");
    const saved = messages.list(sessionId);
    expect(saved.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(saved[1].content).toMatch(/I cut the first 3.0 s/);
    expect(saved[1].content).toMatch(/\n\nBy hand: /);
  });

  it("says in the reply why a better captions engine did not run, and the download progress on the way", async () => {
    const offline =
      "Could not download the speech model from huggingface.co: this machine may be offline.";
    const { deps, sessionId } = setup(undefined, {
      transcribe: async (_m, o) => {
        o?.onProgress?.({ stage: "download", ratio: 0.42 });
        return {
          engine: "pocketsphinx (en-us)",
          language: "en",
          words: [{ w: "hello", s: 100, e: 500 }],
          notes: [
            `${offline} So whisper.cpp (base) did not run: pocketsphinx (en-us) made these captions instead.`,
          ],
        };
      },
    });
    const events = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "add captions" }),
    );
    const labels = events.flatMap((e) => (e.type === "step" ? [e.label] : []));
    expect(labels).toContain("Fetching the speech model (first use): 42%...");
    expect(text(events)).toContain(
      `${offline} So whisper.cpp (base) did not run: pocketsphinx (en-us) made these captions instead.`,
    );
    expect(text(events)).not.toMatch(/只能识别英语/);
  });

  it("a Chinese request captioned by pocketsphinx says plainly that it only understands English", async () => {
    const { deps, sessionId } = setup(undefined, {
      transcribe: async () => ({
        engine: "pocketsphinx (en-us)",
        language: "en",
        words: [{ w: "hello", s: 100, e: 500 }],
      }),
    });
    const events = await collect(runTurn(deps, { sessionId, tokenId: "tok", message: "加字幕" }));
    expect(text(events)).toMatch(/pocketsphinx（离线引擎）生成，它只能识别英语/);
    // whisper made them: nothing to excuse.
    const ok = setup(undefined, {
      transcribe: async () => ({
        engine: "whisper.cpp (base)",
        language: "zh",
        words: [{ w: "你好", s: 100, e: 500 }],
      }),
    });
    const fine = await collect(
      runTurn(ok.deps, { sessionId: ok.sessionId, tokenId: "tok", message: "加字幕" }),
    );
    expect(text(fine)).not.toMatch(/只能识别英语/);
    expect(fine.flatMap((e) => (e.type === "step" ? [e.label] : [])).join("\n")).toMatch(
      /在 .+ 里听到 1 个词（whisper\.cpp \(base\), zh）/,
    );
  });

  it("puts the session's clips on an empty timeline first", async () => {
    const { deps, sessionId, drafts } = setup([
      fakeMedia("v1", "video", 10_000),
      fakeMedia("v2", "video", 5000),
      fakeMedia("m1", "audio", 30_000),
    ]);
    await collect(runTurn(deps, { sessionId, tokenId: "tok", message: "make it black and white" }));
    const main = drafts.current(sessionId).draft.t[0];
    expect(main.sg.map((s) => s.src)).toEqual(["v1", "v2"]);
    expect(main.sg.every((s) => "color" in s && s.color === "bw")).toBe(true);
  });

  it("says to add a clip when there is nothing to edit", async () => {
    const { deps, sessionId, drafts } = setup([]);
    const events = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "add captions" }),
    );
    expect(text(events)).toMatch(/Add a clip first/);
    expect(drafts.current(sessionId).version).toBe(0);
  });

  it("turns a failed op into an error event and commits nothing", async () => {
    const { deps, sessionId, drafts } = setup();
    await collect(runTurn(deps, { sessionId, tokenId: "tok", message: "make it black and white" }));
    const events = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "rotate clip 3 by 90 degrees" }),
    );
    const err = events.find((e) => e.type === "error");
    expect(err).toMatchObject({ code: "validation" });
    expect(err?.type === "error" && err.message).toMatch(/\w+ .*\./);
    expect(drafts.current(sessionId).version).toBe(1);
    expect(types(events).at(-1)).toBe("done");
  });

  it("reports an intro that cannot be found, without guessing", async () => {
    const { deps, sessionId, drafts } = setup(undefined, { findContentStart: async () => null });
    const events = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "trim the intro" }),
    );
    expect(events.find((e) => e.type === "step" && e.status === "failed")).toBeTruthy();
    expect(events.find((e) => e.type === "error")).toMatchObject({
      code: "validation",
      message: expect.stringMatching(/starts with content right away/),
    });
    expect(drafts.current(sessionId).version).toBe(0);
  });

  it("removes pauses with the measured silences", async () => {
    const { deps, sessionId, drafts } = setup();
    const events = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "remove the pauses" }),
    );
    expect(events.some((e) => e.type === "step" && e.label.startsWith("Found 2 pauses"))).toBe(
      true,
    );
    expect(drafts.current(sessionId).draft.d).toBeLessThan(20_000);
  });

  it("answers a Chinese request in Chinese: plan, what goes and stays, what changed, the by-hand tip", async () => {
    const { deps, sessionId, drafts } = setup();
    const events = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "删掉前5秒" }),
    );
    expect(drafts.current(sessionId).draft.d).toBe(15_000);
    const said = text(events);
    expect(said).toMatch(
      /^我将剪掉前 5 秒。删除 0:00-0:05（5 秒），保留 0:05-0:20：视频将变为 15 秒。/,
    );
    expect(said).toMatch(/已完成：剪掉前 5 秒。视频现在长 15 秒。/);
    expect(said).not.toMatch(/[A-Za-z]{4,}/);
    const tips = events.flatMap((e) => (e.type === "tip" ? [e.text] : []));
    expect(tips.length).toBeGreaterThan(0);
    for (const tip of tips) expect(tip).toMatch(/^手动操作：/);
    const undo = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "撤销刚才的操作" }),
    );
    expect(text(undo)).toBe("已撤销上一步修改。");
  });

  it("a Chinese request that needs listening and the intro shows its steps and notes in Chinese too", async () => {
    const { deps, sessionId } = setup();
    const events = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "去掉开头，加上字幕" }),
    );
    expect(events.find((e) => e.type === "error")).toBeUndefined();
    const steps = events.flatMap((e) => (e.type === "step" ? [e.label] : []));
    expect(steps).toContain("正在理解你的请求...");
    expect(steps).toContain("在 v1.mp4 里听到 2 个词（fake-asr）");
    expect(steps).toContain("找到了 v1.mp4 的内容开始处：3.0 秒");
    for (const label of steps) expect(label, label).toMatch(/[\u4e00-\u9fff]/);
    const said = text(events);
    expect(said).toContain("内容从 3.0 秒 开始，我剪掉了前 3.0 秒。");
    // Only names (files, the recogniser) may stay in Latin letters.
    expect(said.replace(/v1\.mp4|fake-asr/g, "").match(/[A-Za-z]{4,}/g)).toBeNull();
  });

  it("a typed answer to a question with choices does that choice", async () => {
    const { deps, sessionId, drafts } = setup();
    await collect(runTurn(deps, { sessionId, tokenId: "tok", message: "add the clips" }));
    const ask = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "trim 0:05-0:10" }),
    );
    expect(ask.find((e) => e.type === "plan")).toMatchObject({
      plan: { intent: "clarify", choices: ["remove 0:05-0:10", "keep only 0:05-0:10"] },
    });
    const answer = await collect(runTurn(deps, { sessionId, tokenId: "tok", message: "keep" }));
    expect(answer.find((e) => e.type === "plan")).toMatchObject({
      plan: { intent: "edit", ops: [{ op: "trim", start: 5, end: 10 }] },
    });
    expect(drafts.current(sessionId).draft.d).toBe(5_000);
    expect(text(answer)).toMatch(/0:05-0:10 stays: the video will be 5 s/);
    // Once answered, "keep" is an ordinary request again.
    const again = await collect(runTurn(deps, { sessionId, tokenId: "tok", message: "keep" }));
    expect(again.find((e) => e.type === "plan")).toMatchObject({ plan: { intent: "clarify" } });
  });

  it("undo that takes the whole previous turn back; redo brings it again", async () => {
    const { deps, sessionId, drafts } = setup();
    await collect(
      runTurn(deps, {
        sessionId,
        tokenId: "tok",
        message: "cut the first 5 seconds and make it black and white",
      }),
    );
    const undo = await collect(runTurn(deps, { sessionId, tokenId: "tok", message: "undo that" }));
    expect(undo.find((e) => e.type === "draft")).toMatchObject({ version: 0 });
    expect(text(undo)).toMatch(/^Undone: /);
    expect(drafts.current(sessionId).version).toBe(0);
    const redo = await collect(runTurn(deps, { sessionId, tokenId: "tok", message: "redo" }));
    expect(redo.find((e) => e.type === "draft")).toMatchObject({ version: 1 });
    const again = await collect(runTurn(deps, { sessionId, tokenId: "tok", message: "redo" }));
    expect(text(again)).toMatch(/nothing to redo/);
  });

  it("reworks the last trim for 'actually make it 10 seconds'", async () => {
    const { deps, sessionId, drafts } = setup();
    await collect(runTurn(deps, { sessionId, tokenId: "tok", message: "cut the first 5 seconds" }));
    expect(drafts.current(sessionId).draft.t[0].sg[0]).toMatchObject({ in: 5000 });
    const events = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "actually make it 10 seconds" }),
    );
    expect(events.find((e) => e.type === "plan")).toMatchObject({
      plan: { revise: true, ops: [{ op: "trim", start: 10 }] },
    });
    const now = drafts.current(sessionId);
    expect(now.draft.t[0].sg[0]).toMatchObject({ in: 10_000 });
    expect(now.version).toBe(1); // replaced, not stacked: one undo goes back to the start
  });

  it("sends heartbeats while long work runs", async () => {
    const slow = async () => {
      await new Promise((r) => setTimeout(r, 120));
      return { startMs: 1000, reason: "sound starts at 1.1 s", findings: ["silence until 1.1 s"] };
    };
    const { deps, sessionId } = setup(undefined, { findContentStart: slow, heartbeatMs: 25 });
    const events = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "trim the intro" }),
    );
    const beats = events.filter((e) => e.type === "heartbeat");
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(beats.every((b) => b.type === "heartbeat" && b.elapsedMs > 0)).toBe(true);
  });

  it("stops relaying when the visitor leaves, leaving the export running", async () => {
    const ac = new AbortController();
    const { deps, sessionId } = setup();
    let cancelled = false;
    deps.exports = {
      ...deps.exports!,
      start: (s, t, i) => ({ ...deps.exports!.get(s, "exp_1"), preset: i.preset }),
      subscribe: () => () => (cancelled = false),
    };
    const gen = runTurn(deps, { sessionId, tokenId: "tok", message: "export", signal: ac.signal });
    const events: TurnEvent[] = [];
    for await (const e of gen) {
      events.push(e);
      if (e.type === "export") ac.abort();
    }
    expect(events.at(-1)).toEqual({ type: "done" });
    expect(events.some((e) => e.type === "error")).toBe(false);
    expect(cancelled).toBe(false);
  });

  it("shows an error event for a failed start (no credits)", async () => {
    const { deps, sessionId } = setup();
    deps.exports = {
      ...deps.exports!,
      start: () => {
        throw new AppError(2001, "You have no credits left. Register to get more.");
      },
    };
    const events = await collect(
      runTurn(deps, { sessionId, tokenId: "tok", message: "export for tiktok" }),
    );
    expect(events.find((e) => e.type === "error")).toMatchObject({ code: 2001 });
  });

  it("answers clarify, state and upload without touching the timeline", async () => {
    const { deps, sessionId, drafts } = setup();
    for (const [msg, re] of [
      ["make it look better", /\?/],
      ["show tracks", /Timeline is empty.*Uploaded: v1\.mp4/],
      ["upload", /Drag your files/],
      ["add a dragon", /can't add a dragon/],
    ] as const) {
      const events = await collect(runTurn(deps, { sessionId, tokenId: "tok", message: msg }));
      expect(text(events)).toMatch(re);
    }
    expect(drafts.current(sessionId).version).toBe(0);
  });
});
