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
