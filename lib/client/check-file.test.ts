import { describe, expect, it } from "vitest";
import { formatLimit, kindOfName, refusalReason, MAX_UPLOAD_BYTES } from "./check-file";

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

describe("the server's limit", () => {
  it.each([
    [500 * 1024 * 1024, "500 MB"],
    [20 * 1024 * 1024, "20 MB"],
    [1536 * 1024 * 1024, "1.5 GB"],
  ])("%i bytes is said as %s", (bytes, said) => expect(formatLimit(bytes)).toBe(said));

  it("refuses by the limit it is given", () => {
    expect(refusalReason({ name: "a.mp4", size: 21 * 1024 * 1024 }, 20 * 1024 * 1024)).toMatch(
      /larger than 20 MB/,
    );
    expect(refusalReason({ name: "a.mp4", size: 19 * 1024 * 1024 }, 20 * 1024 * 1024)).toBeNull();
  });
});
