import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { concatList } from "./fast-path";
import { indexArgs, indexAtFront, indexReserve } from "./mp4-index";
import { joinArgs, joinParts } from "./render-chunked";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-join-"));

function ffmpeg(args: string[]) {
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args]);
}

/** 20 s picture chunks (keyframe first, B-frames as the exports' encoder) and 40 s of sound. */
function makeParts() {
  const chunks = [0, 1].map((n) => {
    const file = path.join(dir, `chunk-${n}.mp4`);
    ffmpeg([
      ...["-f", "lavfi", "-i", `testsrc2=s=320x240:r=30:d=20`],
      ...["-c:v", "libx264", "-preset", "veryfast", "-an", file],
    ]);
    return file;
  });
  const sound = path.join(dir, "sound.mp4");
  ffmpeg([
    ...["-f", "lavfi", "-i", "sine=f=440:r=48000:d=40", "-ac", "2"],
    ...["-c:a", "aac", "-b:a", "192k", sound],
  ]);
  const list = path.join(dir, "list.ffconcat");
  fs.writeFileSync(list, concatList(chunks));
  return { list, sound };
}

/** The file's top-level boxes: type and size. */
function boxes(file: string): { type: string; size: number }[] {
  const b = fs.readFileSync(file);
  const out: { type: string; size: number }[] = [];
  for (let at = 0; at + 8 <= b.length;) {
    const short = b.readUInt32BE(at);
    const size = short === 1 ? Number(b.readBigUInt64BE(at + 8)) : short;
    out.push({ type: b.toString("latin1", at + 4, at + 8), size });
    if (size < 8) break;
    at += size;
  }
  return out;
}

function frameHashes(file: string): string {
  return execFileSync("ffmpeg", [
    "-v",
    "error",
    "-i",
    file,
    "-map",
    "0",
    "-c",
    "copy",
    "-f",
    "framemd5",
    "-",
  ])
    .toString()
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .join("\n");
}

describe("joining chunks (real ffmpeg)", () => {
  it("writes the index into the room kept at the front: the same packets as a +faststart join, no second pass", async () => {
    const { list, sound } = makeParts();
    const slow = path.join(dir, "faststart.mp4");
    ffmpeg(joinArgs(list, sound, slow).slice(4));
    const fast = path.join(dir, "reserved.mp4");
    const reserve = indexReserve(40_000, 30);
    await joinParts(list, sound, fast, { reserve, cleanup: [] });

    const layout = boxes(fast).map((b) => b.type);
    expect(layout.slice(0, 3)).toEqual(["ftyp", "moov", "free"]);
    expect(await indexAtFront(fast)).toBe(true);
    expect(frameHashes(fast)).toBe(frameHashes(slow));
    // The reserve is far above what the index takes (about 14 bytes a sample).
    const moov = boxes(slow).find((b) => b.type === "moov")!.size;
    expect(moov * 2).toBeLessThan(reserve);
    // The room kept and the index together are the reserve, give or take the box headers.
    const [, m, free] = boxes(fast);
    expect(Math.abs(m.size + free.size - reserve)).toBeLessThan(64);
  });

  it("joins again with +faststart when the index does not fit the room kept (ffmpeg exits 0 then)", async () => {
    const { list, sound } = makeParts();
    const out = path.join(dir, "too-small.mp4");
    const extra = path.join(dir, "downloaded-copy.mp4");
    fs.writeFileSync(extra, "x");
    await joinParts(list, sound, out, { reserve: 1000, cleanup: [list, extra] });
    expect(await indexAtFront(out)).toBe(true);
    const frames = execFileSync("ffprobe", [
      ...["-v", "error", "-select_streams", "v:0", "-count_packets"],
      ...["-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", out],
    ])
      .toString()
      .trim();
    expect(Number(frames)).toBe(1200);
    // Every packet decodes: the failed try's index, written over the media data, is gone.
    const decode = spawnSync("ffmpeg", ["-v", "error", "-i", out, "-f", "null", "-"]);
    expect(decode.stderr.toString()).toBe("");
    expect(fs.existsSync(list)).toBe(false);
    expect(fs.existsSync(extra)).toBe(false);
  });

  it("tells a file with its index at the end, or written over its media data, from one with it at the front", async () => {
    const end = path.join(dir, "index-last.mp4");
    ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=1", "-c:v", "libx264", end]);
    expect(boxes(end).map((b) => b.type)).toContain("mdat");
    expect(await indexAtFront(end)).toBe(false);
    const front = path.join(dir, "index-first.mp4");
    ffmpeg(["-i", end, "-c", "copy", "-movflags", "+faststart", front]);
    expect(await indexAtFront(front)).toBe(true);
    // An index that outgrew its room: ffmpeg wrote it anyway, over the media data.
    const { list, sound } = makeParts();
    const overrun = path.join(dir, "overrun.mp4");
    spawnSync("ffmpeg", ["-y", ...joinArgs(list, sound, overrun, indexArgs(1000)).slice(4)]);
    expect(boxes(overrun)[1].type).toBe("moov");
    expect(await indexAtFront(overrun)).toBe(false);
    const junk = path.join(dir, "junk.mp4");
    fs.writeFileSync(junk, Buffer.alloc(100));
    expect(await indexAtFront(junk)).toBe(false);
  });

  it("keeps room for an hour's index", () => {
    // 30 fps and 48 kHz AAC: 108,000 + 168,750 samples; about 3.9 MB at the 14 bytes a sample measured.
    expect(indexReserve(3_600_000, 30)).toBeGreaterThan(1.5 * 14 * (108_000 + 168_750));
    expect(indexReserve(3_600_000, 30)).toBeLessThan(16 * 1024 * 1024);
  });
});
