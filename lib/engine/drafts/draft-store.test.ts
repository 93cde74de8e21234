import { describe, expect, it } from "vitest";
import { emptyDraft } from "@/lib/draft/schema";
import { openDatabase } from "../store/open-database";
import { createSessions } from "../sessions/sessions";
import { createDraftStore } from "./draft-store";

function setup() {
  const db = openDatabase(":memory:");
  const sessions = createSessions(db);
  const drafts = createDraftStore(db);
  const s = sessions.create("tok");
  return { sessions, drafts, s };
}

const titled = (title: string) => ({ ...emptyDraft(), m: { ...emptyDraft().m, title } });

describe("draft store", () => {
  it("starts empty and keeps a history for undo and redo", () => {
    const { drafts, s } = setup();
    expect(drafts.current(s.id)).toMatchObject({ version: 0, canUndo: false, canRedo: false });
    drafts.commit(s.id, titled("a"), "first");
    drafts.commit(s.id, titled("b"), "second");
    expect(drafts.current(s.id).draft.m.title).toBe("b");
    const u = drafts.undo(s.id);
    expect(u).toMatchObject({ version: 1, undone: "second", canRedo: true });
    expect(u.draft.m.title).toBe("a");
    const r = drafts.redo(s.id);
    expect(r).toMatchObject({ version: 2, redone: "second" });
  });

  it("drops the redo tail when a new change follows an undo", () => {
    const { drafts, s } = setup();
    drafts.commit(s.id, titled("a"), "a");
    drafts.commit(s.id, titled("b"), "b");
    drafts.undo(s.id);
    drafts.commit(s.id, titled("c"), "c");
    expect(drafts.current(s.id)).toMatchObject({ version: 2, canRedo: false });
    expect(drafts.current(s.id).draft.m.title).toBe("c");
    expect(() => drafts.redo(s.id)).toThrow(/nothing to redo/);
  });

  it("says so when there is nothing to undo", () => {
    const { drafts, s } = setup();
    expect(() => drafts.undo(s.id)).toThrow(/nothing to undo/);
  });

  it("refuses an invalid draft", () => {
    const { drafts, s } = setup();
    expect(() =>
      drafts.commit(s.id, { t: [{ tt: 3, sg: [] }], d: 0, m: {} } as never, "bad"),
    ).toThrow();
    expect(drafts.current(s.id).version).toBe(0);
  });
});

describe("sessions", () => {
  it("never shows one token's session to another (1002)", () => {
    const { sessions, s } = setup();
    expect(sessions.get("tok", s.id).id).toBe(s.id);
    expect(() => sessions.get("other", s.id)).toThrow(expect.objectContaining({ code: 1002 }));
    expect(() => sessions.get("tok", "ses_missing")).toThrow(
      expect.objectContaining({ code: 1002 }),
    );
    expect(sessions.list("other")).toEqual([]);
  });

  it("says whether the current timeline names a media item, wherever it sits, and not an older version", () => {
    const { drafts, s } = setup();
    expect(drafts.usesMedia(s.id, "med_a")).toBe(false);
    drafts.commit(
      s.id,
      { ...emptyDraft(), m: { ...emptyDraft().m, audiogram: { background: { src: "med_a" } } } },
      "background",
    );
    expect(drafts.usesMedia(s.id, "med_a")).toBe(true);
    expect(drafts.usesMedia(s.id, "med_a2")).toBe(false); // a prefix is another item
    drafts.commit(s.id, titled("med_a"), "only a title that reads like an id");
    expect(drafts.usesMedia(s.id, "med_a")).toBe(true);
    drafts.commit(s.id, titled("plain"), "gone");
    expect(drafts.usesMedia(s.id, "med_a")).toBe(false);
    drafts.undo(s.id);
    drafts.undo(s.id);
    expect(drafts.usesMedia(s.id, "med_a")).toBe(true);
  });
});
