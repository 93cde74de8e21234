import { beforeEach, describe, expect, it } from "vitest";
import { STILL_WORKING_AFTER_MS, useChatStore } from "./chat";

const s = () => useChatStore.getState();

describe("chat store", () => {
  beforeEach(() =>
    useChatStore.setState({
      entries: [],
      streaming: false,
      stillWorking: false,
      lastTextAt: 0,
      loadedFor: null,
    }),
  );

  it("forgets a project's conversation so the next project's history loads", () => {
    s().hydrate("p1", [{ role: "user", content: "hi", createdAt: "2026-01-01T00:00:00.000Z" }]);
    s().forget();
    expect(s().entries).toEqual([]);
    s().hydrate("p2", [
      { role: "assistant", content: "welcome back", createdAt: "2026-01-01T00:00:00.000Z" },
    ]);
    expect(s().entries.map((e) => e.text)).toEqual(["welcome back"]);
  });

  it("builds a reply from text, steps, tips and done", () => {
    s().addUser("trim the intro");
    const id = s().startAssistant();
    s().apply(id, {
      type: "step",
      id: "intro",
      label: "Detecting the intro...",
      status: "running",
    });
    s().apply(id, { type: "text", delta: "Speech starts " });
    s().apply(id, { type: "text", delta: "at 3.1 s." });
    s().apply(id, { type: "step", id: "intro", label: "Found the intro", status: "done" });
    s().apply(id, { type: "tip", text: "Drag the clip's left edge." });
    s().apply(id, { type: "tip", text: "Drag the clip's left edge." });
    s().apply(id, { type: "step", id: "render", label: "Rendering", status: "running" });
    s().apply(id, { type: "done" });
    s().finish(id);
    const reply = s().entries[1];
    expect(reply.text).toBe("Speech starts at 3.1 s.");
    expect(reply.steps).toEqual([
      { id: "intro", label: "Found the intro", status: "done" },
      { id: "render", label: "Rendering", status: "done" },
    ]);
    expect(reply.tips).toEqual(["Drag the clip's left edge."]);
    expect(reply.pending).toBe(false);
    expect(s().streaming).toBe(false);
  });

  it("keeps the answers a clarifying question offers, and nothing from other plans", () => {
    const id = s().startAssistant();
    s().apply(id, {
      type: "plan",
      planner: "rules",
      plan: { intent: "edit", ops: [{ op: "captions" }], reply: "I'll add captions." },
    });
    expect(s().entries[0].choices).toEqual([]);
    const choices = ["remove 2:10-2:18", "keep only 2:10-2:18"];
    s().apply(id, {
      type: "plan",
      planner: "rules",
      plan: {
        intent: "clarify",
        ops: [],
        reply: "Remove 2:10-2:18, or keep only 2:10-2:18?",
        choices,
      },
    });
    expect(s().entries[0].choices).toEqual(choices);
  });

  it("shows Still working only after two minutes without text", () => {
    const id = s().startAssistant();
    const t0 = s().lastTextAt;
    s().apply(id, { type: "heartbeat", elapsedMs: 15_000 }, t0 + 15_000);
    expect(s().stillWorking).toBe(false);
    s().apply(id, { type: "heartbeat", elapsedMs: 120_000 }, t0 + STILL_WORKING_AFTER_MS);
    expect(s().stillWorking).toBe(true);
    s().apply(id, { type: "text", delta: "Done." }, t0 + 121_000);
    expect(s().stillWorking).toBe(false);
  });

  it("marks running steps failed when the reply failed", () => {
    const id = s().startAssistant();
    s().apply(id, { type: "step", id: "x", label: "Exporting", status: "running" });
    s().fail(id, 2001, "You're out of credits.");
    s().finish(id);
    expect(s().entries[0].steps[0].status).toBe("failed");
    expect(s().entries[0].error).toEqual({ code: 2001, message: "You're out of credits." });
  });

  it("keeps a message sent before the history arrived", () => {
    s().addUser("early");
    s().hydrate("p1", [{ role: "assistant", content: "earlier reply", createdAt: "" }]);
    expect(s().entries.map((e) => e.text)).toEqual(["earlier reply", "early"]);
  });

  it("loads history once per project", () => {
    s().hydrate("p1", [{ role: "user", content: "hi", createdAt: "" }]);
    s().addUser("more");
    s().hydrate("p1", []);
    expect(s().entries).toHaveLength(2);
    s().hydrate("p2", []);
    expect(s().entries).toHaveLength(0);
  });
});
