import { describe, expect, it } from "vitest";
import { containerMatches, contentTypeOf, sniffFormat } from "./sniff-format";

const b = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))),
  );
const box = (type: string, brand: string) => b([0, 0, 0, 0x20], type, brand, [0, 0, 2, 0]);

describe("sniffFormat", () => {
  it.each([
    ["mp4 (isom)", box("ftyp", "isom"), "mp4", "video"],
    ["mp4 (mp42)", box("ftyp", "mp42"), "mp4", "video"],
    ["QuickTime mov", box("ftyp", "qt  "), "mov", "video"],
    ["old QuickTime (moov first)", box("moov", "mvhd"), "mov", "video"],
    ["m4a", box("ftyp", "M4A "), "m4a", "audio"],
    ["avi", b("RIFF", [1, 2, 3, 4], "AVI LIST"), "avi", "video"],
    ["wav", b("RIFF", [1, 2, 3, 4], "WAVEfmt "), "wav", "audio"],
    ["webp", b("RIFF", [1, 2, 3, 4], "WEBPVP8 "), "webp", "image"],
    [
      "webm",
      b([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], "webm"),
      "webm",
      "video",
    ],
    [
      "mkv",
      b([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88], "matroska"),
      "mkv",
      "video",
    ],
    ["jpeg", b([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF"), "jpg", "image"],
    ["png", b([0x89], "PNG\r\n\x1a\n", [0, 0, 0, 13]), "png", "image"],
    ["gif89a", b("GIF89a", [1, 0, 1, 0]), "gif", "image"],
    ["gif87a", b("GIF87a", [1, 0, 1, 0]), "gif", "image"],
    ["mp3 with ID3", b("ID3", [4, 0, 0, 0, 0, 0, 0]), "mp3", "audio"],
    ["mp3 frame sync", b([0xff, 0xfb, 0x90, 0x64]), "mp3", "audio"],
    ["aac ADTS", b([0xff, 0xf1, 0x50, 0x80]), "aac", "audio"],
  ])("%s", (_label, head, format, kind) => {
    expect(sniffFormat(head)).toEqual({ format, kind });
  });

  it.each([
    ["ELF program", b([0x7f], "ELF", [2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
    ["Windows .exe", b("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0])],
    ["PDF", b("%PDF-1.7\n%")],
    ["zip", b("PK", [3, 4, 20, 0, 0, 0, 8, 0])],
    ["plain text", b("hello, this is not a video at all")],
    ["RIFF of another kind", b("RIFF", [1, 2, 3, 4], "CDXA")],
    ["too short", b([0xff, 0xd8])],
    ["empty", Buffer.alloc(0)],
    ["html", b("<!doctype html><html>")],
  ])("refuses %s", (_label, head) => {
    expect(sniffFormat(head)).toBeNull();
  });
});

describe("containerMatches", () => {
  it.each([
    ["mp4", "mov,mp4,m4a,3gp,3g2,mj2", true],
    ["mkv", "matroska,webm", true],
    ["webm", "matroska,webm", true],
    ["avi", "avi", true],
    ["png", "png_pipe", true],
    ["jpg", "jpeg_pipe", true],
    ["mp3", "mp3", true],
    ["aac", "aac", true],
    ["mp4", "avi", false],
    ["png", "mov,mp4,m4a,3gp,3g2,mj2", false],
    ["wav", "mp3", false],
  ] as const)("%s vs %s -> %s", (format, name, ok) => {
    expect(containerMatches(format, name)).toBe(ok);
  });
});

describe("contentTypeOf", () => {
  it("uses the container's audio type for sound-only mp4/webm", () => {
    expect(contentTypeOf("mp4", "video")).toBe("video/mp4");
    expect(contentTypeOf("mp4", "audio")).toBe("audio/mp4");
    expect(contentTypeOf("webm", "audio")).toBe("audio/webm");
    expect(contentTypeOf("mkv", "video")).toBe("video/x-matroska");
  });
});
