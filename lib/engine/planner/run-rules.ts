import type { Clause, Detection } from "./clause";
import { detectFade, detectMusic, detectNormalize, detectVolume } from "./detect-audio";
import { detectAspect, detectColor, detectExport, detectFlip, detectRotate } from "./detect-look";
import { detectCaptions, detectStyleFollowUp, detectText } from "./detect-text";
import {
  detectAddClips,
  detectFillers,
  detectIntro,
  detectRemoveClip,
  detectReorder,
  detectSilence,
  detectSpeed,
  detectSplit,
  detectTimedCut,
} from "./detect-timeline";

// The op rules in the order they read a clause. Specific phrasings go first and take
// their words ("remove the pauses" before "remove ... 5 seconds"); rules that give a
// meaning to the clause's time ("fade out over 3 s") stop the timed trim from reading it.

type Rule = (c: Clause) => Detection | null;

const RULES: [Rule, { ownsTime?: boolean; ownsLevel?: boolean; alone?: boolean }][] = [
  [detectIntro, { ownsTime: true }],
  [detectSilence, { ownsTime: true }],
  [detectFillers, {}],
  [detectRemoveClip, { ownsTime: true }],
  [detectSplit, { ownsTime: true }],
  [detectReorder, { ownsTime: true }],
  [detectMusic, { ownsLevel: true }],
  [detectAddClips, {}],
  [detectCaptions, {}],
  [detectText, { ownsTime: true }],
  [detectAspect, {}],
  [detectExport, {}],
  [detectRotate, { ownsTime: true }],
  [detectFlip, {}],
  [detectColor, {}],
  [detectFade, { ownsTime: true }],
  [detectVolume, { ownsLevel: true }],
  [detectNormalize, {}],
  [detectSpeed, { ownsTime: true }],
  [detectStyleFollowUp, { alone: true }],
];

export function runRules(c: Clause): Detection[] {
  const out: Detection[] = [];
  let timeUsed = false;
  let levelUsed = false;
  for (const [rule, owns] of RULES) {
    if ((owns.ownsLevel && levelUsed) || (owns.alone && out.length > 0)) continue;
    const d = rule(c);
    if (!d) continue;
    out.push(d);
    if (owns.ownsTime) timeUsed = true;
    if (owns.ownsLevel) levelUsed = true;
  }
  if (!timeUsed) {
    const d = detectTimedCut(c);
    if (d) out.push(d);
  }
  return out;
}
