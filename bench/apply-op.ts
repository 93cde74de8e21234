// How long edits take on a long, captioned timeline (every op re-lays out the captions
// that follow the picture). Not part of the test suite. Run:
//   npx tsx bench/apply-op.ts
import { emptyDraft } from "@/lib/draft/schema";
import type { Op } from "@/lib/plan/schema";
import type { MediaRecord } from "@/lib/engine/media/types";
import { applyOp } from "@/lib/engine/ops/apply-op";
import type { OpContext } from "@/lib/engine/ops/types";

const HOUR = 3_600_000;
const probe = {
  durationMs: HOUR,
  width: 1920,
  height: 1080,
  rotation: 0,
  fps: 30,
  vfr: false,
  videoCodec: "h264",
  audioCodec: "aac",
  pixFmt: "yuv420p",
  profile: null,
  hasVideo: true,
  hasAudio: true,
  sampleRate: 48000,
  channels: 2,
  container: "mp4",
  bitRate: null,
};
const media: MediaRecord[] = [
  {
    id: "v1",
    sessionId: "s",
    kind: "video",
    name: "talk.mp4",
    size: 1,
    path: "/dev/null",
    hash: "h",
    probe,
    poster: null,
    filmstrip: null,
    peaks: null,
    proxy: null,
    proxyStatus: "none",
    createdAt: 0,
  },
];
// A talk at 2.5 words a second, with a 1 s pause every 12 words.
const words = [];
for (let t = 0, i = 0; t < HOUR - 1000; i++) {
  words.push({ w: i % 12 === 11 ? "end." : `word${i % 7}`, s: t, e: t + 300 });
  t += i % 12 === 11 ? 1400 : 400;
}
const silences = words.flatMap((w, i) => (i % 12 === 11 ? [{ start: w.e, end: w.e + 1100 }] : []));
let n = 0;
const ctx: OpContext = {
  media,
  analysis: { v1: { words, silences, transcriptEngine: "bench" } },
  newId: () => `s${++n}`,
};

function time(label: string, fn: () => unknown, runs = 5): void {
  fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${label.padEnd(44)} ${ms.toFixed(1)} ms`);
}

let draft = applyOp(emptyDraft(), { op: "add_clips" }, ctx).draft;
draft = applyOp(draft, { op: "captions" }, ctx).draft;
const cues = draft.t.find((t) => t.m.role === "captions")!.sg.length;
console.log(`1-hour timeline, ${words.length} words, ${cues} caption cues`);
const ops: [string, Op][] = [
  ["captions (lay out the whole transcript)", { op: "captions" }],
  ["cut 10:00-10:30 (captions follow)", { op: "cut", from: 600, to: 630 }],
  ["speed 1.5x (captions follow)", { op: "speed", factor: 1.5 }],
  [`remove_silence (${silences.length} pauses, captions follow)`, { op: "remove_silence" }],
  ["caption_style bigger (no re-layout)", { op: "caption_style", scale: 1.25 }],
];
for (const [label, op] of ops) time(label, () => applyOp(draft, op, ctx));
