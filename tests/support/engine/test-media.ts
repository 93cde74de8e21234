import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { makeClip, mediaDir } from "@/tests/support/make-media";

// Extra generated media for the ingest tests (the shared generators live in
// tests/support/make-media.ts): phone-style clips, formats browsers can't play, and
// broken files. Test-only; tiny sizes.

function ff(args: string[]): void {
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
}

const out = (name: string) => path.join(mediaDir(), name);

function once(name: string, make: (file: string) => void): string {
  const file = out(name);
  if (!fs.existsSync(file)) make(file);
  return file;
}

/**
 * A phone clip: odd coded size 1921x1081 (4:4:4 so x264 accepts odd sizes), variable
 * frame rate (10 frames dropped), no audio, display matrix saying "rotate 90 degrees
 * clockwise" as phones write it (ffprobe: rotation -90).
 */
export function makePhoneClip(): string {
  return once("phone-1921x1081-vfr-rot90.mp4", (file) => {
    const plain = out("phone-plain.mp4");
    ff([
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=320x180:rate=25:duration=1.6",
      "-vf",
      "scale=1921:1081,select='not(between(n\\,5\\,14))'",
      "-fps_mode",
      "vfr",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv444p",
      "-an",
      plain,
    ]);
    // ffmpeg 5.1 only writes a display matrix when remuxing; its CLI stores the tag
    // counter-clockwise, so 270 here is the phones' "90 clockwise".
    ff(["-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=270", file]);
  });
}

/** Formats a browser can't play: each needs a proxy. */
export function makeProResMov(): string {
  return once("prores.mov", (file) =>
    ff([
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=320x240:rate=25:duration=1",
      "-f",
      "lavfi",
      "-i",
      "sine=duration=1",
      "-c:v",
      "prores_ks",
      "-profile:v",
      "0",
      "-c:a",
      "pcm_s16le",
      "-shortest",
      file,
    ]),
  );
}

export function makeHevcMp4(): string {
  return once("hevc.mp4", (file) =>
    ff([
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=320x240:rate=25:duration=1",
      "-c:v",
      "libx265",
      "-preset",
      "ultrafast",
      "-x265-params",
      "log-level=error",
      "-tag:v",
      "hvc1",
      "-an",
      file,
    ]),
  );
}

export function makeH264Yuv422p10(): string {
  return once("h264-422p10.mp4", (file) =>
    ff([
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=320x240:rate=25:duration=1",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv422p10le",
      "-an",
      file,
    ]),
  );
}

/** H.264 video with AC-3 audio: plays nowhere in a browser because of the sound. */
export function makeAc3Mp4(): string {
  return once("ac3.mp4", (file) =>
    ff([
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=320x240:rate=25:duration=1",
      "-f",
      "lavfi",
      "-i",
      "sine=duration=1:sample_rate=48000",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "ac3",
      "-shortest",
      file,
    ]),
  );
}

/** An mp4 written with the index first, so cutting it leaves a header that looks whole. */
export function makeFaststartClip(): string {
  return once("faststart.mp4", (file) =>
    ff(["-i", makeClip({ seconds: 2 }), "-c", "copy", "-movflags", "+faststart", file]),
  );
}

/** An MKV that holds only a subtitle track: a container with nothing to see or hear. */
export function makeSubtitleOnlyMkv(): string {
  return once("subs-only.mkv", (file) => {
    const srt = out("subs.srt");
    fs.writeFileSync(srt, "1\n00:00:00,000 --> 00:00:01,000\nHello\n");
    ff(["-i", srt, "-c:s", "srt", file]);
  });
}

/** The first `fraction` of a file, under a new name. */
export function truncated(file: string, fraction: number, name: string): string {
  return once(name, (dest) => {
    const buf = fs.readFileSync(file);
    fs.writeFileSync(dest, buf.subarray(0, Math.floor(buf.length * fraction)));
  });
}

/** Any bytes under a media-looking name (a renamed program, random data). */
export function bytesAs(name: string, bytes: Buffer): string {
  const file = out(name);
  fs.writeFileSync(file, bytes);
  return file;
}

/**
 * An mp4 whose index is whole but whose sample data is zeroed: ffprobe still sees an
 * H.264 stream of the right size, a copy of the last second reads fine, and no picture
 * decodes.
 */
export function makePicturelessMp4(): string {
  return once("pictureless.mp4", (dest) => {
    const buf = Buffer.from(fs.readFileSync(makeClip({ seconds: 2, audio: false })));
    const at = buf.indexOf("mdat");
    if (at < 4) throw new Error("no mdat box in the generated clip");
    buf.fill(0, at + 4, at - 4 + buf.readUInt32BE(at - 4));
    fs.writeFileSync(dest, buf);
  });
}

/**
 * 3 s of black, then 5 s of test pattern, with x264's default 10 s GOP and no scene-cut
 * keyframe: a poster at 1 s is black, and no keyframe follows it.
 */
export function makeBlackIntroClip(): string {
  return once("black-intro-long-gop.mp4", (file) =>
    ff([
      "-f",
      "lavfi",
      "-i",
      "color=black:size=320x240:rate=25:duration=3",
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=320x240:rate=25:duration=5",
      "-filter_complex",
      "[0][1]concat=n=2:v=1:a=0",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv420p",
      "-x264-params",
      "scenecut=0",
      file,
    ]),
  );
}

/** 4 s of black only: no poster time helps, the black picture is kept. */
export function makeAllBlackClip(): string {
  return once("all-black.mp4", (file) =>
    ff([
      "-f",
      "lavfi",
      "-i",
      "color=black:size=320x240:rate=25:duration=4",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv420p",
      file,
    ]),
  );
}
