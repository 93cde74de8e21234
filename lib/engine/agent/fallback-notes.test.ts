import { describe, expect, it } from "vitest";
import { fallbackNotes } from "./gather-analysis";

const offline = {
  engine: "pocketsphinx (en-us)",
  notes: ["Could not download the speech model from example.org: this machine may be offline."],
};

describe("fallbackNotes: why the preferred speech engine did not run, in the request's language", () => {
  it("keeps the transcriber's detailed sentence for an English request", () => {
    expect(fallbackNotes(offline, "en")).toEqual(offline.notes);
  });

  it("says the same fact in Chinese, naming the engine that ran, for a Chinese request", () => {
    const [note] = fallbackNotes(offline, "zh");
    expect(note).toContain("pocketsphinx (en-us)");
    expect(note).toMatch(/字幕/);
    expect(note.replace(/pocketsphinx|whisper|en-us/g, "")).not.toMatch(/[A-Za-z]{4,}/);
  });

  it("adds nothing when the preferred engine ran", () => {
    expect(fallbackNotes({ engine: "whisper.cpp (base)" }, "zh")).toEqual([]);
  });
});
