import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeAudio, makeClip } from "@/tests/support/make-media";
import { buildExtractAudioArgs, extractAudio } from "./extract-audio";

function audioStream(file: string) {
  const json = JSON.parse(
    execFileSync(
      "ffprobe",
      ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", file],
      { encoding: "utf8" },
    ),
  );
  const s = json.streams.find((x: { codec_type: string }) => x.codec_type === "audio");
  return {
    codec: s.codec_name,
    rate: Number(s.sample_rate),
    channels: s.channels,
    duration: Number(json.format.duration),
    streams: json.streams.length,
  };
}

describe("buildExtractAudioArgs", () => {
  it("maps the first audio stream to 16 kHz mono s16 WAV, no video or subtitles", () => {
    const args = buildExtractAudioArgs("/in/clip.mov", "/out/a.wav");
    expect(args.slice(args.indexOf("-i"), args.indexOf("-i") + 2)).toEqual(["-i", "/in/clip.mov"]);
    expect(args.join(" ")).toContain(
      "-map 0:a:0 -vn -sn -dn -ac 1 -ar 16000 -c:a pcm_s16le -f wav",
    );
    expect(args.at(-1)).toBe("/out/a.wav");
    expect(args).toContain("-nostdin");
  });
});

describe("extractAudio (real ffmpeg)", () => {
  it.each([
    ["an MP4 with 48 kHz AAC", () => makeClip({ seconds: 2 }), 2],
    ["a WebM with Opus", () => makeClip({ seconds: 1, format: "webm" }), 1],
    ["an MP3", () => makeAudio("mp3", 2), 2],
  ])("%s -> 16 kHz mono PCM WAV", async (_name, make, seconds) => {
    const { wavPath, dispose } = await extractAudio(make());
    try {
      const a = audioStream(wavPath);
      expect(a).toMatchObject({ codec: "pcm_s16le", rate: 16000, channels: 1, streams: 1 });
      expect(a.duration).toBeGreaterThan(seconds - 0.15);
      expect(a.duration).toBeLessThan(seconds + 0.15);
    } finally {
      await dispose();
    }
    expect(fs.existsSync(path.dirname(wavPath))).toBe(false);
  });

  it("fails clearly on a clip with no audio and leaves no temp folder", async () => {
    const tmp = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "vso-extract-"));
    await expect(
      extractAudio(makeClip({ seconds: 1, audio: false }), { tmpDir: tmp }),
    ).rejects.toThrow(/ffmpeg failed/);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
