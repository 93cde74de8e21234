import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate, openDatabase } from "./open-database";

describe("openDatabase", () => {
  it("applies every migration once and survives reopening", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vso-db-")), "x.sqlite");
    const db = openDatabase(file);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]
    ).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        "tokens",
        "sessions",
        "drafts",
        "media",
        "jobs",
        "shares",
        "transcripts",
      ]),
    );
    db.close();
    const again = openDatabase(file);
    expect(migrate(again, [{ id: 1, name: "init", sql: "SELECT 1" }])).toEqual([]);
  });

  it("rolls back a failing migration", () => {
    const db = openDatabase(":memory:", []);
    expect(() =>
      migrate(db, [{ id: 7, name: "bad", sql: "CREATE TABLE a (x); NOT SQL" }]),
    ).toThrow();
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name='a'").get()).toEqual({
      n: 0,
    });
  });
});
