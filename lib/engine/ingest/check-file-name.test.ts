import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkFileName, nameFromUrl } from "./check-file-name";

describe("checkFileName", () => {
  it.each([
    ["clip.mp4", "clip.mp4"],
    ["  holiday 2024.MOV  ", "holiday 2024.MOV"],
    ["café – été.mp4", "café – été.mp4"],
    ["视频.mp4", "视频.mp4"],
  ])("accepts %j", (raw, want) => {
    expect(checkFileName(raw)).toBe(want);
  });

  it.each([
    ["", /has no name/],
    ["   ", /has no name/],
    [undefined, /has no name/],
    ["../../etc/passwd.mp4", /folder separator/],
    ["dir/clip.mp4", /folder separator/],
    ["C:\\Users\\me\\clip.mp4", /folder separator/],
    ["..", /folder separator/],
    ["bad\u0000name.mp4", /control characters/],
    ["line\nbreak.mp4", /control characters/],
    ["esc\u001b[31m.mp4", /control characters/],
    ["del\u007f.mp4", /control characters/],
    ["x".repeat(201) + ".mp4", /longer than 200/],
  ])("refuses %j", (raw, message) => {
    let err: unknown;
    try {
      checkFileName(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("bad_request");
    expect((err as AppError).message).toMatch(message);
  });
});

describe("nameFromUrl", () => {
  it.each([
    ["https://cdn.example.com/videos/My%20Clip.mp4?sig=1", null, "My Clip.mp4"],
    ["https://cdn.example.com/v/a%2F..%2Fb.mp4", null, "b.mp4"],
    ["https://cdn.example.com/", null, "cdn.example.com"],
    ["https://cdn.example.com/x", 'attachment; filename="talk.mov"', "talk.mov"],
    [
      "https://cdn.example.com/x",
      "attachment; filename*=UTF-8''%E8%A7%86%E9%A2%91.mp4",
      "视频.mp4",
    ],
  ])("%s", (url, header, want) => {
    expect(nameFromUrl(new URL(url), header)).toBe(want);
  });
});
