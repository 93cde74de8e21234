import { audioFades, secs } from "./clip-filters";
import type { RenderLayout } from "./layout-timeline";

export const AUDIO_FORMAT =
  "aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo";

/** Music and voice-over: trimmed or looped to length, placed, faded, ducked under the clips' sound. */
export function mixSounds(
  layout: RenderLayout,
  main: string,
  addInput: (args: string[]) => number,
  graph: string[],
): string {
  if (layout.sounds.length === 0) return main;
  const labels: string[] = [];
  layout.sounds.forEach(({ seg, media }, i) => {
    const idx = addInput(["-i", media.path]);
    const region = Math.max(1, seg.out - seg.in);
    const d = Math.min(seg.d, layout.total - seg.st);
    const chain = [
      `atrim=start=${secs(seg.in)}:end=${secs(seg.out)}`,
      "asetpts=PTS-STARTPTS",
      AUDIO_FORMAT,
      ...(seg.loop && region < d
        ? [`aloop=loop=-1:size=${Math.round((region / 1000) * 48000)}`]
        : []),
      `atrim=duration=${secs(d)}`,
      ...(seg.volume !== 1 ? [`volume=${seg.volume}`] : []),
      ...audioFades(d, seg.fadeIn, seg.fadeOut),
      ...(seg.st > 0 ? [`adelay=delays=${seg.st}:all=1`] : []),
    ];
    graph.push(`[${idx}:a]${chain.join(",")}[s${i}]`);
    labels.push(`s${i}`);
  });
  let bed = labels[0];
  if (labels.length > 1) {
    graph.push(
      `${labels.map((l) => `[${l}]`).join("")}amix=inputs=${labels.length}:duration=longest:normalize=0[sbed]`,
    );
    bed = "sbed";
  }
  if (layout.sounds.some((s) => s.seg.duck)) {
    // The clips' own sound (speech) keys a compressor on the music.
    graph.push(`[${main}]asplit=2[amain][akey]`);
    graph.push(
      `[${bed}][akey]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=400[sduck]`,
    );
    graph.push(`[amain][sduck]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[amix]`);
  } else {
    graph.push(
      `[${main}][${bed}]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[amix]`,
    );
  }
  return "amix";
}
