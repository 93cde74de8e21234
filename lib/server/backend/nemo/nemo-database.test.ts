import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/engine/store/open-database";
import { openNemoDataDir } from "./nemo-database";

// The nemo backend's records moved from the engine's vso.sqlite to nemo.sqlite: a data
// folder from before keeps its projects, media, renders and their chat.

describe("nemo database", () => {
  it("copies an older vso.sqlite's nemo records once, with only those projects' chat", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-nemo-db-"));
    const old = openDatabase(path.join(dir, "vso.sqlite"));
    old
      .prepare(
        "INSERT INTO nemo_projects (session_id, client_id, title, created_at, updated_at) VALUES ('cloud_1', 'client', 'Trip', 1, 2)",
      )
      .run();
    old
      .prepare(
        "INSERT INTO nemo_media (id, session_id, kind, name, size, url, duration, width, height, fps, hash, created_at) VALUES ('m1', 'cloud_1', 'video', 'a.mp4', 10, 'https://cdn/a', 1, 2, 3, 25, 'h', 1)",
      )
      .run();
    old
      .prepare(
        "INSERT INTO nemo_renders (id, session_id, preset, status, share_id, created_at, updated_at) VALUES ('render_1', 'cloud_1', 'youtube', 'completed', 'shr', 1, 2)",
      )
      .run();
    old
      .prepare(
        "INSERT INTO messages (session_id, role, content, created_at) VALUES ('cloud_1', 'user', 'make it short', 1), ('ses_local', 'user', 'local chat', 1), ('cloud_1', 'assistant', 'done', 2)",
      )
      .run();
    old.close();

    const db = openNemoDataDir(dir);
    expect(db.prepare("SELECT session_id, title FROM nemo_projects").all()).toEqual([
      { session_id: "cloud_1", title: "Trip" },
    ]);
    expect(db.prepare("SELECT id FROM nemo_media").pluck().all()).toEqual(["m1"]);
    expect(db.prepare("SELECT share_id FROM nemo_renders").pluck().all()).toEqual(["shr"]);
    expect(db.prepare("SELECT content FROM messages ORDER BY id").pluck().all()).toEqual([
      "make it short",
      "done",
    ]);
    db.close();

    // The second start finds nemo.sqlite and copies nothing again.
    const again = openNemoDataDir(dir);
    expect(again.prepare("SELECT count(*) FROM messages").pluck().get()).toBe(2);
    again.close();
  });

  it("starts empty in a new data folder, without creating the engine's file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-nemo-db-"));
    const db = openNemoDataDir(dir);
    expect(db.prepare("SELECT count(*) FROM nemo_projects").pluck().get()).toBe(0);
    db.close();
    expect(fs.existsSync(path.join(dir, "vso.sqlite"))).toBe(false);
  });
});
