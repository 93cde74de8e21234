import { describe, expect, it } from "vitest";
import { kindOfName, refusalReason, MAX_UPLOAD_BYTES } from "./check-file";

describe("refusalReason", () => {
  it.each([
    ["clip.mp4", 1000, null],
    ["CLIP.MOV", 1000, null],
    ["a.b.mkv", 1000, null],
    ["photo.jpeg", 10, null],
    ["song.m4a", 10, null],
    ["exactly-limit.webm", MAX_UPLOAD_BYTES, null],
    ["setup.exe", 1000, /\.exe files can't be used\. Supported files/],
    ["notes.txt", 1000, /\.txt files/],
    ["README", 1000, /Files without an extension/],
    ["empty.mp4", 0, /empty/],
    ["huge.mp4", MAX_UPLOAD_BYTES + 1, /larger than 500 MB\. Trim it or compress it/],
  ])("%s (%d bytes)", (name, size, expected) => {
    const reason = refusalReason({ name, size });
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});

describe("kindOfName", () => {
  it.each([
    ["a.mp4", "video"],
    ["a.GIF", "image"],
    ["a.aac", "audio"],
    ["a.exe", null],
  ])("%s -> %s", (name, kind) => expect(kindOfName(name)).toBe(kind));
});
