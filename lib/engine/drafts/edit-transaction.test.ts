import { describe, expect, it } from "vitest";
import { openDatabase } from "../store/open-database";
import { createSessions } from "../sessions/sessions";
import { fakeMedia, makeCtx } from "@/tests/support/engine/ops-testing";
import { createDraftStore } from "./draft-store";
import { openEdit } from "./edit-transaction";

function setup() {
  const db = openDatabase(":memory:");
  const drafts = createDraftStore(db);
  const s = createSessions(db).create("tok");
  const ctx = makeCtx([fakeMedia("v1", "video", 4000), fakeMedia("v2", "video", 6000)]);
  return { drafts, id: s.id, ctx };
}

describe("edit transaction", () => {
  it("applies every op and saves them as one version", () => {
    const { drafts, id, ctx } = setup();
    const edit = openEdit(drafts, id);
    const { draft, results } = edit.apply(
      edit.base.draft,
      [
        { op: "add_clips", mediaIds: ["v1", "v2"] },
        { op: "trim", start: 1, end: 9 },
      ],
      ctx,
    );
    expect(results).toHaveLength(2);
    expect(draft.d).toBe(8000);
    expect(edit.commit(draft, "both").version).toBe(1);
    expect(drafts.undo(id)).toMatchObject({ version: 0, undone: "both" });
  });

  it("applies nothing when one op cannot be done", () => {
    const { drafts, id, ctx } = setup();
    const edit = openEdit(drafts, id);
    expect(() =>
      edit.apply(
        edit.base.draft,
        [
          { op: "add_clips", mediaIds: ["v1"] },
          { op: "add_clips", mediaIds: ["nope"] },
        ],
        ctx,
      ),
    ).toThrow();
    expect(drafts.current(id).version).toBe(0);
  });

  it("a correction starts from the version before, and puts it back when abandoned", () => {
    const { drafts, id, ctx } = setup();
    const first = openEdit(drafts, id);
    first.commit(
      first.apply(first.base.draft, [{ op: "add_clips", mediaIds: ["v1"] }], ctx).draft,
      "v1",
    );
    const fix = openEdit(drafts, id, { revise: true });
    expect(fix.base.version).toBe(0);
    expect(drafts.current(id).version).toBe(0);
    fix.abandon();
    expect(drafts.current(id)).toMatchObject({ version: 1, label: "v1" });
  });

  it("a committed correction replaces the version it corrects and is not undone by abandon", () => {
    const { drafts, id, ctx } = setup();
    const first = openEdit(drafts, id);
    first.commit(
      first.apply(first.base.draft, [{ op: "add_clips", mediaIds: ["v1"] }], ctx).draft,
      "v1",
    );
    const fix = openEdit(drafts, id, { revise: true });
    fix.commit(fix.apply(fix.base.draft, [{ op: "add_clips", mediaIds: ["v2"] }], ctx).draft, "v2");
    fix.abandon();
    expect(drafts.current(id)).toMatchObject({ version: 1, label: "v2", canRedo: false });
  });
});
