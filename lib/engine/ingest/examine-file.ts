import fs from "node:fs";
import { seeksToAnyPacket } from "./derive-args";
import { readImageSize } from "./image-size";
import {
  checkComplete,
  checkPixels,
  judgeProbe,
  sniffFile,
  type InspectContext,
  type Inspected,
} from "./inspect-file";
import { firstFrameDecodes, makePosterAt, noPicture, tailLooksWhole } from "./make-derived";
import { packetsEndMs, probeMedia, probeMediaAndFirstPicture } from "./probe-media";

/** Headers and packets may disagree a little (edit lists, the last frame's length). */
const CLAIM_TOLERANCE_MS = 1000;

// Everything an upload's answer waits for, in two processes side by side: ffprobe, which
// also decodes the first packets (a picture among them proves the video decodes), and
// the read of the last second (seeking from the end needs no probe). A video's poster is
// not among them: it is made in the background (media-library.ts), because reaching a
// picture one second in can mean reading a whole GOP of packets (0.4 s on the 500 MB
// benchmark file) while the first picture proves just as well that the video decodes.
// An image's thumbnail is made here: it is cheap, and it is the image's decode check.

export interface Examined extends Inspected {
  /** The image's thumbnail, made now; null for video (poster made later) and sound. */
  poster: string | null;
}

/** Sniffs, probes, checks the end and that a picture decodes; throws the refusal sentence. */
export async function examineFile(
  file: string,
  size: number,
  posterPath: string,
  ctx: InspectContext,
): Promise<Examined> {
  const sniffed = await sniffFile(file, size);
  const probeOpts = { ffprobePath: ctx.ffprobePath, signal: ctx.signal, maxPixels: ctx.maxPixels };
  if (sniffed.kind === "image") {
    // From the header, before ffprobe (which decodes a picture to describe it).
    checkPixels(await readImageSize(file, sniffed.format), ctx.maxPixels);
    const inspected = judgeProbe(sniffed, await probeMedia(file, probeOpts), ctx.maxPixels);
    try {
      await makePosterAt(file, posterPath, 0, ctx);
    } catch (err) {
      await fs.promises.rm(posterPath, { force: true });
      throw err;
    }
    return { ...inspected, poster: posterPath };
  }

  // Its own cancel switch: a refusal by ffprobe stops it.
  const side = new AbortController();
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, side.signal]) : side.signal;
  const tail = tailLooksWhole(file, { ...ctx, signal }, seeksToAnyPacket(sniffed.format)).then(
    (whole) => ({ ok: true as const, whole }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  let ends: Promise<{ ok: true; ms: number | null } | { ok: false; error: unknown }> | null = null;
  try {
    const { probe, pictureDecoded } = await probeMediaAndFirstPicture(file, probeOpts);
    const inspected = judgeProbe(sniffed, probe, ctx.maxPixels);
    // The length the timeline (and every render) will use: the packets', when the header
    // claims more. Its scan of the last seconds starts now, beside the rest of the checks.
    ends = packetsEndMs(file, inspected.probe.durationMs, { ...probeOpts, signal }).then(
      (ms) => ({ ok: true as const, ms }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const seen = await tail;
    if (!seen.ok) throw seen.error; // only a cancel or a missing ffmpeg gets here
    // Doubts (or a format with no end to seek from): the read placed by ffprobe's duration decides.
    if (!seen.whole) await checkComplete(file, inspected, ctx);
    // The first packets were sound, or broken: decode on until a picture comes.
    if (inspected.kind === "video" && !pictureDecoded && !(await firstFrameDecodes(file, ctx)))
      throw noPicture();
    const end = await ends;
    if (!end.ok) throw end.error;
    const real = end.ms;
    if (real !== null && real > 0 && real < inspected.probe.durationMs - CLAIM_TOLERANCE_MS)
      inspected.probe.durationMs = real;
    return { ...inspected, poster: null };
  } catch (err) {
    side.abort();
    // No ffmpeg or ffprobe still reading the file when the caller removes it.
    await tail;
    await ends;
    throw err;
  }
}
