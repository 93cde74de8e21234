import type { Audiogram } from "@/lib/draft/audiogram";
import { clipAudio, clipInput, encodeArgs } from "./build-render-args";
import { secs } from "./clip-filters";
import { escapeFilterValue } from "./escape-filter";
import type { RenderLayout, RenderMedia } from "./layout-timeline";
import { AUDIO_FORMAT, mixSounds } from "./mix-sounds";
import { fpsExpr, type OutputSpec } from "./presets";

// The audiogram: a story with sound and no picture, drawn as a background (a solid
// colour, a photo, a sound file's cover art, or a video's first frame), an animated waveform of the sound
// (showwaves, redrawn every frame) and the text tracks (title, captions) burnt in from
// the ASS file. The sound is built like the main renderer's: each clip's range, gaps
// as silence, music mixed in, loudness last. One ffmpeg invocation, H.264/AAC MP4.

export interface AudiogramArgsInput {
  layout: RenderLayout;
  out: OutputSpec;
  outputPath: string;
  /** ASS file with the text tracks, when there are any. */
  assPath: string | null;
  audiogram: Audiogram;
  /** The background's media when it is a picture (audiogram.background.src), else null. */
  background: RenderMedia | null;
}

/** A timeline with no picture at all: only sound on the main track (or nothing) and gaps. */
export function isAudiogramLayout(layout: RenderLayout): boolean {
  const clips = layout.items.filter((i) => i.type === "clip");
  const silentPicture = clips.every(
    (i) => i.type === "clip" && i.media.kind !== "image" && !i.media.probe.hasVideo,
  );
  const sound =
    clips.some((i) => i.type === "clip" && i.media.probe.hasAudio) || layout.sounds.length > 0;
  return silentPicture && sound;
}

const even = (n: number) => 2 * Math.round(n / 2);

/** Where the waveform sits: a wide band in a landscape frame, a shorter, fuller one in a tall frame. */
export function waveBox(W: number, H: number): { w: number; h: number; x: number; y: number } {
  const portrait = H > W;
  const w = even(W * (portrait ? 0.9 : 0.8));
  const h = even(H * (portrait ? 0.18 : 0.28));
  const centre = H * (portrait ? 0.5 : 0.55);
  return { w, h, x: even((W - w) / 2), y: even(centre - h / 2) };
}

export function buildAudiogramArgs({
  layout,
  out,
  outputPath,
  assPath,
  audiogram,
  background,
}: AudiogramArgsInput): string[] {
  const inputs: string[][] = [];
  const graph: string[] = [];
  const { width: W, height: H } = out;
  const fps = fpsExpr(out.fps);
  const T = secs(layout.total);
  const addInput = (args: string[]): number => inputs.push(args) - 1;

  // Sound: the main track's ranges back to back, then music, then loudness.
  const labels: string[] = [];
  layout.items.forEach((item, i) => {
    const a = `a${i}`;
    labels.push(a);
    if (item.type === "clip" && item.media.probe.hasAudio && item.seg.volume > 0) {
      // A few ms of fade where two sounds meet, as the main renderer does, so joins do not click.
      const joins = {
        in: layout.items[i - 1]?.type === "clip",
        out: layout.items[i + 1]?.type === "clip",
      };
      graph.push(clipAudio(item, `${addInput(clipInput(item, out))}:a`, a, out, { joins }));
    } else {
      graph.push(
        `anullsrc=r=48000:cl=stereo,atrim=duration=${secs(item.d)},aformat=sample_fmts=fltp[${a}]`,
      );
    }
  });
  let aOut = labels[0];
  if (labels.length > 1) {
    graph.push(`${labels.map((l) => `[${l}]`).join("")}concat=n=${labels.length}:v=0:a=1[aspeech]`);
    aOut = "aspeech";
  }
  aOut = mixSounds(layout, aOut, addInput, graph);
  if (out.loudness !== null) {
    graph.push(`[${aOut}]loudnorm=I=${out.loudness}:TP=-1.5:LRA=11,${AUDIO_FORMAT}[aloud]`);
    aOut = "aloud";
  }
  graph.push(`[${aOut}]asplit=2[aout][awave]`);

  // Picture: the background for the whole length.
  const box = waveBox(W, H);
  if (background) {
    // One frame (a photo, or a video's first), held for the whole story; a dark band
    // keeps the waveform readable over any picture.
    const idx = addInput(["-i", background.path]);
    graph.push(
      // Held before fps: a cover picture (attached_pic) has no frame duration for fps to extend.
      `[${idx}:v]trim=end_frame=1,setpts=PTS-STARTPTS,scale=${W}:${H}:force_original_aspect_ratio=increase,crop=${W}:${H},setsar=1,format=yuv420p,` +
        `tpad=stop_mode=clone:stop_duration=${T},fps=${fps},trim=duration=${T},` +
        `drawbox=x=0:y=${box.y - even(box.h * 0.15)}:w=${W}:h=${even(box.h * 1.3)}:color=black@0.45:t=fill[bg]`,
    );
  } else {
    const color = "color" in audiogram.background ? audiogram.background.color : "#000000";
    graph.push(
      `color=c=0x${color.slice(1)}:s=${W}x${H}:r=${fps}:d=${T},format=yuv420p,setsar=1[bg]`,
    );
  }
  // The waveform, redrawn every frame from the sound that plays at that moment.
  graph.push(
    `[awave]aformat=channel_layouts=mono,showwaves=s=${box.w}x${box.h}:mode=cline:rate=${fps}:scale=sqrt:draw=full:colors=0x${audiogram.wave.slice(1)},format=yuva420p[wave]`,
  );
  // Blending in yuv420 (the wave converted once, small) is ~5x cheaper than overlay's
  // automatic RGBA path on every full frame (bench/audiogram.ts).
  graph.push(`[bg][wave]overlay=x=${box.x}:y=${box.y}:format=yuv420[vwave]`);
  let vOut = "vwave";
  if (assPath) {
    graph.push(`[${vOut}]ass=filename=${escapeFilterValue(assPath)},format=yuv420p[vtext]`);
    vOut = "vtext";
  }

  return [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    ...inputs.flat(),
    "-filter_complex",
    graph.join(";"),
    "-map",
    `[${vOut}]`,
    "-map",
    "[aout]",
    ...encodeArgs(out),
    "-t",
    T,
    "-f",
    "mp4",
    outputPath,
  ];
}
