import { describe, expect, it } from "vitest";
import { decideContentStart, type IntroSignals } from "./decide-content-start";

const D = 20_000;
const rows: [string, IntroSignals, { startMs: number; reason: RegExp } | null][] = [
  [
    "speech wins, cut 0.1 s before it",
    { durationMs: D, silences: [{ start: 0, end: 2900 }], speechStartMs: 3100 },
    { startMs: 3000, reason: /speech starts at 3.1 s/ },
  ],
  [
    "silence + black (the test clip): 3 s",
    { durationMs: D, silences: [{ start: 0, end: 3010 }], black: [{ start: 0, end: 3000 }] },
    { startMs: 2900, reason: /sound and picture start at 3.0 s/ },
  ],
  [
    "talking head: silence only",
    { durationMs: D, silences: [{ start: 0, end: 2500 }] },
    { startMs: 2400, reason: /sound starts/ },
  ],
  [
    "music over black: picture only",
    { durationMs: D, black: [{ start: 0, end: 2000 }] },
    { startMs: 2000, reason: /picture starts at 2.0 s/ },
  ],
  [
    "voice-over starts before the picture: earliest wins",
    { durationMs: D, silences: [{ start: 0, end: 1000 }], black: [{ start: 0, end: 4000 }] },
    { startMs: 900, reason: /sound/ },
  ],
  [
    "still title card, then a cut",
    { durationMs: D, freezes: [{ start: 0, end: 5000 }] },
    { startMs: 5000, reason: /picture/ },
  ],
  [
    "only an early scene change",
    { durationMs: D, scenes: [4000, 9000] },
    { startMs: 4000, reason: /scene change at 4.0 s/ },
  ],
  ["a late scene change is not an intro", { durationMs: D, scenes: [12_000] }, null],
  [
    "dead air shorter than 0.3 s is ignored",
    { durationMs: D, silences: [{ start: 0, end: 200 }] },
    null,
  ],
  [
    "silence that starts later is not an intro",
    { durationMs: D, silences: [{ start: 5000, end: 8000 }] },
    null,
  ],
  [
    "silence to the very end is not content",
    { durationMs: D, silences: [{ start: 0, end: D }] },
    null,
  ],
  [
    "speech at the very start: nothing to cut, fall through",
    { durationMs: D, speechStartMs: 100 },
    null,
  ],
  ["nothing at all", { durationMs: D }, null],
];

describe("decideContentStart", () => {
  it.each(rows)("%s", (_name, signals, expected) => {
    const got = decideContentStart(signals);
    if (expected === null) return expect(got).toBeNull();
    expect(got?.startMs).toBe(expected.startMs);
    expect(got?.reason).toMatch(expected.reason);
    expect(got?.findings.length).toBeGreaterThan(0);
  });
});
