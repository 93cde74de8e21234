// Builders for ffmpeg's analysis filters. Each returns an argument list for runFfmpeg;
// the filters print what they find on stderr (parse-analysis.ts reads it back). Nothing
// is encoded: output goes to the null muxer, so a pass costs little more than decoding.

export interface SilenceOptions {
  /** Level below which audio counts as silent. */
  noiseDb?: number;
  /** Shortest stretch reported, seconds. */
  minSeconds?: number;
}

export interface IntroOptions extends SilenceOptions {
  hasVideo: boolean;
  hasAudio: boolean;
  /** Only the start of the file matters for an intro: stop after this many seconds. */
  limitSeconds?: number;
  /** Scene change score (0-100) that counts as a cut. */
  sceneThreshold?: number;
}

export const DEFAULT_NOISE_DB = -35;

function silenceFilter(o: SilenceOptions): string {
  return `silencedetect=noise=${o.noiseDb ?? DEFAULT_NOISE_DB}dB:duration=${o.minSeconds ?? 0.3}`;
}

/** One pass over the opening of a clip: silence, black frames, frozen frames, scene cuts. */
export function buildIntroArgs(input: string, o: IntroOptions): string[] {
  const args = [
    "-hide_banner",
    "-nostats",
    "-loglevel",
    "info",
    "-t",
    String(o.limitSeconds ?? 60),
    "-i",
    input,
  ];
  if (o.hasVideo) {
    // Low resolution is plenty to judge black/still/cut and keeps the pass fast.
    args.push(
      "-vf",
      `scale=160:-2,blackdetect=d=0.2:pic_th=0.98:pix_th=0.1,freezedetect=n=-50dB:d=0.5,scdet=threshold=${o.sceneThreshold ?? 12}`,
    );
  } else {
    args.push("-vn");
  }
  if (o.hasAudio)
    args.push("-af", silenceFilter({ noiseDb: o.noiseDb, minSeconds: o.minSeconds ?? 0.3 }));
  else args.push("-an");
  args.push("-f", "null", "-");
  return args;
}

/** The whole sound track through silencedetect, for "remove the pauses". */
export function buildSilenceArgs(input: string, o: SilenceOptions = {}): string[] {
  return [
    "-hide_banner",
    "-nostats",
    "-loglevel",
    "info",
    "-i",
    input,
    "-vn",
    "-sn",
    "-dn",
    "-af",
    silenceFilter(o),
    "-f",
    "null",
    "-",
  ];
}
