import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The ffmpeg arguments for a benchmark source: a 1920x1080 30 fps test pattern with the
 * given speech (48 kHz stereo AAC, padded or cut to `seconds`), keyframes every 2 s.
 * bench/render.ts and bench/long.ts build their sources with it so they measure alike.
 */
export function speechSourceArgs(wav: string, seconds: number, out: string): string[] {
  return [
    ...["-f", "lavfi", "-i", `testsrc2=size=1920x1080:rate=30:duration=${seconds}`, "-i", wav],
    ...["-filter_complex", `[1:a]aresample=48000,apad,atrim=duration=${seconds}[a]`],
    ...["-map", "0:v", "-map", "[a]", "-c:v", "libx264", "-preset", "veryfast", "-g", "60"],
    ...["-pix_fmt", "yuv420p", "-c:a", "aac", "-ar", "48000", "-ac", "2", "-t", `${seconds}`],
    out,
  ];
}

const TEXT =
  "Welcome back to the channel. Today we look at how a long recording becomes a short, tight video. " +
  "We remove the pauses, keep every sentence, add captions, and export for YouTube. ";

function ff(args: string[]): void {
  execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/**
 * A `minutes`-long source in `dir` (cached there): a 2-minute block with espeak-ng speech,
 * encoded once, then joined end to end by stream copy. bench/long.ts and bench/trim-long.ts.
 */
export function longSpeechSource(minutes: number, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const block = path.join(dir, "block-2min.mp4");
  if (!fs.existsSync(block)) {
    const wav = path.join(dir, "speech.wav");
    execFileSync("espeak-ng", ["-s", "150", "-w", wav, TEXT.repeat(12)]);
    ff(speechSourceArgs(wav, 120, block));
  }
  const src = path.join(dir, `source-${minutes}min.mp4`);
  if (!fs.existsSync(src)) {
    const list = path.join(dir, `list-${minutes}.txt`);
    fs.writeFileSync(
      list,
      Array.from({ length: Math.ceil(minutes / 2) }, () => `file '${block}'`).join("\n"),
    );
    ff(["-f", "concat", "-safe", "0", "-i", list, "-c", "copy", "-t", String(minutes * 60), src]);
  }
  return src;
}
