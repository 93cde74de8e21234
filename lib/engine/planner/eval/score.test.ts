import { describe, expect, it } from "vitest";
import type { Plan } from "@/lib/plan/schema";
import {
  ask,
  CAP,
  gt,
  isMultiStep,
  keep,
  lt,
  MUSIC,
  not,
  op,
  orAsk,
  rm,
  SPEED,
  stays,
  type Row,
} from "./expect";
import { FRESH_DEV, FRESH_HELD_OUT } from "./fresh-requests";
import { EVAL_ROWS } from "./requests";
import { half, keptPieces, scoreRow } from "./score";

// The scorer itself: equivalent op lists score alike, the misreadings count as
// "opposite", and the table is big enough and split in two stable halves.

const edit = (...ops: Plan["ops"]): Plan => ({ intent: "edit", ops, reply: "" });
const question = (reply: string): Plan => ({ intent: "clarify", ops: [], reply });

describe("keptPieces", () => {
  it("maps later ops through earlier ones", () => {
    expect(
      keptPieces([
        { op: "trim", start: 10 },
        { op: "cut", from: 0, to: 5 },
      ]),
    ).toEqual([[15, 180]]);
    expect(
      keptPieces([
        { op: "cut", from: 30, to: 35 },
        { op: "cut", from: 90, to: 95 },
      ]),
    ).toEqual([
      [0, 30],
      [35, 95],
      [100, 180],
    ]);
  });
});

describe("scoreRow", () => {
  const row: Row = ["the part from 2:10 to 2:18 where the dog barks, get rid of it", rm(130, 138)];
  it("counts a cut and its equivalent as right", () => {
    expect(scoreRow(row, edit({ op: "cut", from: 130, to: 138 })).correct).toBe(true);
    expect(
      scoreRow(["lose the first half", rm(0, 90)], edit({ op: "trim", start: 90 })).correct,
    ).toBe(true);
    expect(
      scoreRow(["lose the first half", rm(0, 90)], edit({ op: "cut", from: 0, to: 90 })).correct,
    ).toBe(true);
  });
  it("flags the issue's misreadings as opposite", () => {
    expect(scoreRow(row, edit({ op: "trim", start: 130, end: 138 }))).toMatchObject({
      correct: false,
      opposite: true,
    });
    expect(
      scoreRow(["nothing after 2m15s is needed", rm(135)], edit({ op: "trim", start: 135 })),
    ).toMatchObject({ opposite: true });
    expect(
      scoreRow(["drop everything before 65s", rm(0, 65)], edit({ op: "trim", end: 65 })),
    ).toMatchObject({ opposite: true });
    expect(
      scoreRow(
        ["keep 8 seconds starting at 1:00", keep(60, 68)],
        edit({ op: "cut", from: 60, to: 68 }),
      ),
    ).toMatchObject({ opposite: true });
  });
  it("does not call a smaller wrong cut opposite", () => {
    expect(scoreRow(row, edit({ op: "cut", from: 130, to: 140 }))).toMatchObject({
      correct: false,
      opposite: false,
    });
    expect(scoreRow(row, edit({ op: "captions" }))).toMatchObject({
      correct: false,
      opposite: false,
    });
  });
  it("wants the other ops too, and no unasked cuts", () => {
    expect(
      scoreRow(
        ["cut the first 5 sec and add captions", rm(0, 5), CAP],
        edit({ op: "trim", start: 5 }),
      ).correct,
    ).toBe(false);
    expect(
      scoreRow(["add subs", CAP], edit({ op: "captions" }, { op: "trim", start: 5 })).correct,
    ).toBe(false);
  });
  it("takes a question only where one is allowed, and wants its choices named", () => {
    expect(scoreRow(row, question("Remove 2:10-2:18, or keep only 2:10-2:18?")).correct).toBe(
      false,
    );
    expect(
      scoreRow(["cut the first 2 minutes", rm(0, 120), orAsk], question("Which?")).correct,
    ).toBe(true);
    expect(
      scoreRow(
        ["trim 2:10-2:18", ask(130, 138)],
        question("Remove 2:10-2:18, or keep only 2:10-2:18?"),
      ).correct,
    ).toBe(true);
    expect(scoreRow(["trim 2:10-2:18", ask(130, 138)], question("Which part?")).correct).toBe(
      false,
    );
  });
});

describe("the table", () => {
  it("has at least 300 requests, a third of them several steps, split in two halves", () => {
    expect(EVAL_ROWS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(EVAL_ROWS.map((r) => r[0])).size).toBe(EVAL_ROWS.length);
    const multi = EVAL_ROWS.filter(isMultiStep);
    expect(multi.length).toBeGreaterThanOrEqual(EVAL_ROWS.length / 3 - 10);
    const dev = EVAL_ROWS.filter((r) => half(r[0]) === "dev").length;
    expect(dev).toBeGreaterThan(EVAL_ROWS.length * 0.4);
    expect(dev).toBeLessThan(EVAL_ROWS.length * 0.6);
  });
  it("has a fresh table of 120+ requests in two halves, a third of them Chinese", () => {
    const all = [...FRESH_DEV, ...FRESH_HELD_OUT].map((r) => r[0]);
    expect(all.length).toBeGreaterThanOrEqual(120);
    expect(new Set(all).size).toBe(all.length);
    expect(Math.abs(FRESH_DEV.length - FRESH_HELD_OUT.length)).toBeLessThanOrEqual(1);
    expect(all.filter((r) => /\p{Script=Han}/u.test(r)).length).toBeGreaterThan(all.length / 3);
  });
});

describe("scoreRow on bounds and forbidden edits", () => {
  it("takes any value on the asked side of a bound", () => {
    const bigger: Row = ["subs up a size", op({ op: "caption_style", scale: gt(1) })];
    expect(scoreRow(bigger, edit({ op: "caption_style", scale: 1.3 })).correct).toBe(true);
    expect(scoreRow(bigger, edit({ op: "caption_style", scale: 0.8 }))).toMatchObject({
      correct: false,
      opposite: true,
    });
  });
  it("calls removing what was to be added, or a swapped speed, opposite", () => {
    expect(scoreRow(["bring in a song", MUSIC], edit({ op: "remove_music" })).opposite).toBe(true);
    expect(scoreRow(["twice as fast", SPEED(2)], edit({ op: "speed", factor: 0.5 })).opposite).toBe(
      true,
    );
    const quieter: Row = ["song softer", op({ op: "volume", track: "music", level: lt(0.3) })];
    expect(scoreRow(quieter, edit({ op: "volume", level: 0.2 })).opposite).toBe(false);
    expect(scoreRow(quieter, edit({ op: "volume", track: "music", level: 0.6 })).opposite).toBe(
      true,
    );
  });
  it("calls a forbidden op or a cut into a kept span opposite, a question never", () => {
    const noSong: Row = ["no song thanks", orAsk, not({ op: "music" })];
    expect(scoreRow(noSong, edit({ op: "music" })).opposite).toBe(true);
    expect(scoreRow(noSong, edit()).correct).toBe(true);
    expect(scoreRow(noSong, question("Remove the music?")).opposite).toBe(false);
    const keepOpening: Row = ["opening stays", orAsk, stays(0, 10)];
    expect(scoreRow(keepOpening, edit({ op: "trim", start: 4 })).opposite).toBe(true);
    expect(scoreRow(keepOpening, edit({ op: "cut", from: 100, to: 110 })).opposite).toBe(false);
    expect(scoreRow(keepOpening, edit({ op: "trim", start: "intro" })).opposite).toBe(true);
  });
});
