import "server-only";
import type { Draft, TextSegment } from "@/lib/draft/schema";
import { audioTracks, segmentsOf, textTracks, videoTracks } from "@/lib/draft/tracks";
import { formatSeconds } from "@/lib/draft/summarize-draft";

// About 30% of NemoVideo's edit turns end without a word. Then the chat compares the
// draft before and after the turn and says what changed, in plain words. Null when
// nothing changed.

function videoSegs(d: Draft) {
  return videoTracks(d).flatMap((t) => segmentsOf(t));
}
function audioSegs(d: Draft) {
  return audioTracks(d).flatMap((t) => segmentsOf(t));
}
function textSegs(d: Draft): { captions: TextSegment[]; titles: TextSegment[] } {
  const captions: TextSegment[] = [];
  const titles: TextSegment[] = [];
  for (const t of textTracks(d)) {
    for (const s of segmentsOf(t))
      (t.m.role === "captions" || s.kind === "caption" ? captions : titles).push(s);
  }
  return { captions, titles };
}

const total = (segs: { d: number }[]) => segs.reduce((sum, s) => sum + s.d, 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const first = <T, K extends keyof T>(xs: T[], key: K): T[K] | undefined => xs[0]?.[key];

function describeVideo(before: Draft, after: Draft, out: string[]): void {
  const a = videoSegs(before);
  const b = videoSegs(after);
  if (b.length > a.length) out.push(`added ${plural(b.length - a.length, "clip")} to the timeline`);
  else if (b.length < a.length) out.push(`removed ${plural(a.length - b.length, "clip")}`);
  const [da, db] = [total(a), total(b)];
  if (a.length && b.length && Math.abs(da - db) >= 100) {
    out.push(
      db < da
        ? `cut the video to ${formatSeconds(db)} s (was ${formatSeconds(da)} s)`
        : `the video is now ${formatSeconds(db)} s (was ${formatSeconds(da)} s)`,
    );
  }
  const speeds = new Set(b.map((s) => s.speed));
  if (b.length && speeds.size === 1 && mean(a.map((s) => s.speed)) !== b[0].speed && a.length)
    out.push(`set the speed to ${b[0].speed}x`);
  const muted = (segs: typeof a) => segs.length > 0 && segs.every((s) => s.volume === 0);
  if (muted(b) && !muted(a)) out.push("muted the clips' own sound");
  const colors = (segs: typeof a) => segs.map((s) => s.color).join();
  if (b.length && colors(a) !== colors(b) && b[0].color !== "none")
    out.push(`applied the "${b[0].color}" color look`);
  if (b.some((s, i) => s.rotate !== (a[i]?.rotate ?? 0))) out.push("rotated the video");
  if (b.some((s, i) => s.hflip !== (a[i]?.hflip ?? false) || s.vflip !== (a[i]?.vflip ?? false)))
    out.push("flipped the video");
  if (b.some((s, i) => s.fadeIn + s.fadeOut > (a[i] ? a[i].fadeIn + a[i].fadeOut : 0)))
    out.push("added fades");
}

function describeText(before: Draft, after: Draft, out: string[]): void {
  const a = textSegs(before);
  const b = textSegs(after);
  if (!a.captions.length && b.captions.length)
    out.push(`added captions (${plural(b.captions.length, "cue")})`);
  else if (a.captions.length && !b.captions.length) out.push("removed the captions");
  else if (a.captions.length && b.captions.length) {
    const [sa, sb] = [mean(a.captions.map((s) => s.size)), mean(b.captions.map((s) => s.size))];
    if (sb > sa * 1.05) out.push("made the captions bigger");
    else if (sb < sa * 0.95) out.push("made the captions smaller");
    const pos = first(b.captions, "position");
    if (pos && pos !== first(a.captions, "position")) out.push(`moved the captions to the ${pos}`);
    const style = first(b.captions, "style");
    if (style && style !== first(a.captions, "style"))
      out.push(`switched the captions to the "${style}" style`);
    if (a.captions.length !== b.captions.length)
      out.push(`updated the captions (${plural(b.captions.length, "cue")})`);
  }
  const ta = new Set(a.titles.map((s) => s.text));
  const tb = new Set(b.titles.map((s) => s.text));
  for (const t of tb) if (!ta.has(t)) out.push(`added the title "${t}"`);
  for (const t of ta) if (!tb.has(t)) out.push(`removed the title "${t}"`);
  for (const s of b.titles) {
    const old = a.titles.find((x) => x.text === s.text);
    if (!old) continue;
    if (old.position !== s.position) out.push(`moved the title "${s.text}" to the ${s.position}`);
    if (s.size > old.size * 1.05) out.push(`made the title "${s.text}" bigger`);
    else if (s.size < old.size * 0.95) out.push(`made the title "${s.text}" smaller`);
  }
}

function describeAudio(before: Draft, after: Draft, out: string[]): void {
  const a = audioSegs(before);
  const b = audioSegs(after);
  const names = (segs: typeof a) => new Set(segs.map((s) => s.name ?? s.src));
  const [na, nb] = [names(a), names(b)];
  for (const n of nb) if (!na.has(n)) out.push(`added "${n}" as background music`);
  if (a.length && !b.length) out.push("removed the background music");
  const [va, vb] = [first(a, "volume"), first(b, "volume")];
  if (va !== undefined && vb !== undefined && va !== vb)
    out.push(`set the music volume to ${Math.round(vb * 100)}%`);
}

export function describeDraftChange(before: Draft | null, after: Draft): string | null {
  const prev = before ?? { t: [], d: 0, m: after.m };
  if (JSON.stringify(prev) === JSON.stringify(after)) return null;
  const out: string[] = [];
  if (prev.m.width !== after.m.width || prev.m.height !== after.m.height) {
    out.push(`changed the frame to ${after.m.width}x${after.m.height}`);
  }
  describeVideo(prev, after, out);
  describeText(prev, after, out);
  describeAudio(prev, after, out);
  if (!out.length) out.push("updated the timeline");
  const text = out.join("; ");
  return `Done: ${text}.`;
}
