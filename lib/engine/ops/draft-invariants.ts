import { draftDuration, draftSchema, type Draft } from "@/lib/draft/schema";
import { durationMs, isTextTrack, isVideoTrack, segmentsOf, tracksOf } from "@/lib/draft/tracks";
import { clipLength, isMusicTrack, mainTrackIndex, videoEnd } from "./timeline";

// The rules every timeline keeps after any op. applyOp checks them before a draft can be
// saved, and the tests check them after every case (assertDraftInvariants).

export function checkDraftInvariants(draft: Draft): string[] {
  const problems: string[] = [];
  const parsed = draftSchema.safeParse(draft);
  if (!parsed.success)
    problems.push(
      `schema: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join(", ")}`,
    );
  if (durationMs(draft) !== draftDuration(tracksOf(draft)))
    problems.push(`d is ${durationMs(draft)}, tracks end at ${draftDuration(tracksOf(draft))}`);
  const ids = new Set<string>();
  const main = mainTrackIndex(draft);
  const end = videoEnd(draft);
  tracksOf(draft).forEach((track, ti) => {
    const segments = segmentsOf(track);
    segments.forEach((seg, si) => {
      if (ids.has(seg.id)) problems.push(`duplicate id ${seg.id}`);
      ids.add(seg.id);
      if (seg.d <= 0) problems.push(`track ${ti} segment ${si} has no length`);
      const prev = segments[si - 1];
      if (prev && prev.st + prev.d > seg.st)
        problems.push(`track ${ti} segments ${si - 1} and ${si} overlap or are unsorted`);
      if (!isVideoTrack(track) && end > 0 && seg.st + seg.d > end)
        problems.push(
          `${isTextTrack(track) ? "text" : "sound"} on track ${ti} runs past the video end`,
        );
      const words = isTextTrack(track) ? segmentsOf(track)[si].words : undefined;
      if (words) {
        for (const w of words)
          if (w.s < seg.st || w.e > seg.st + seg.d || w.e < w.s)
            problems.push(`word "${w.w}" outside its cue on track ${ti}`);
      }
    });
    if (ti === main && isVideoTrack(track)) {
      let st = 0;
      for (const seg of segmentsOf(track)) {
        if (seg.st !== st)
          problems.push(`main clip ${seg.id} starts at ${seg.st}, expected ${st} (gap or overlap)`);
        if (seg.out <= seg.in) problems.push(`main clip ${seg.id} has an empty source range`);
        if (Math.abs(seg.d - clipLength(seg)) > 1)
          problems.push(`main clip ${seg.id} length ${seg.d} does not match its range and speed`);
        st = seg.st + seg.d;
      }
    }
    if (isMusicTrack(track))
      for (const seg of segmentsOf(track))
        if (seg.st !== 0 || seg.d !== end) problems.push("music does not cover the whole video");
  });
  return problems;
}
