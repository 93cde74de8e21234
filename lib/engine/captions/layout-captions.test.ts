import { describe, expect, it } from "vitest";
import { layoutCaptions, textWidth, type CaptionCue } from "./layout-captions";

// Caption layout: line length, two lines at most, reading speed, phrase breaks, CJK,
// word timing kept, and cues never overlapping.

/** Words spoken at a steady pace: `msPerChar` per character plus a gap, longer after punctuation. */
function speak(
  text: string,
  { start = 0, msPerChar = 60, gap = 80, comma = 350, stop = 700 } = {},
) {
  let t = start;
  return text.split(/\s+/).map((w) => {
    const s = t;
    const e = s + Math.max(120, w.length * msPerChar);
    t = e + gap + (/[,;:]$/.test(w) ? comma : 0) + (/[.?!]$/.test(w) ? stop : 0);
    return { w, s, e };
  });
}

const lines = (c: CaptionCue) => c.text.split("\n");

function checkCues(cues: CaptionCue[], maxLine = 42) {
  cues.forEach((c, i) => {
    expect(lines(c).length).toBeLessThanOrEqual(2);
    for (const l of lines(c)) expect(textWidth(l)).toBeLessThanOrEqual(maxLine);
    expect(c.d).toBeGreaterThan(0);
    expect(c.d).toBeLessThanOrEqual(6000);
    const next = cues[i + 1];
    if (next) expect(c.st + c.d).toBeLessThanOrEqual(next.st);
    for (const w of c.words) {
      expect(w.s).toBeGreaterThanOrEqual(c.st);
      expect(w.e).toBeLessThanOrEqual(c.st + c.d);
    }
  });
}

const JFK =
  "And so, my fellow Americans: ask not what your country can do for you, ask what you can do for your country. " +
  "My fellow citizens of the world: ask not what America will do for you, but what together we can do for the freedom of man.";

describe("layoutCaptions", () => {
  it("keeps lines within 42 characters, two lines at most, cues 6 s at most, never overlapping", () => {
    const cues = layoutCaptions(speak(JFK));
    expect(cues.length).toBeGreaterThan(3);
    checkCues(cues);
    expect(cues.map((c) => c.text.replace(/\n/g, " ")).join(" ")).toBe(JFK);
  });

  it("keeps every word with its own timing, in order", () => {
    const words = speak(JFK);
    const out = layoutCaptions(words).flatMap((c) => c.words);
    expect(out).toEqual(words);
  });

  it("breaks at sentence ends and commas, not after 'the' or 'of'", () => {
    const cues = layoutCaptions(speak(JFK));
    expect(cues.some((c) => /country\.$/.test(c.text))).toBe(true);
    for (const c of cues) for (const l of lines(c)) expect(l).not.toMatch(/\b(the|of|a|to)$/i);
  });

  it("balances two lines", () => {
    const words = speak(
      "we choose to go to the moon in this decade and do the other things not because they are easy",
      { gap: 40, msPerChar: 40 },
    );
    const two = layoutCaptions(words).filter((c) => lines(c).length === 2);
    expect(two.length).toBeGreaterThan(0);
    for (const c of two) {
      const [a, b] = lines(c).map(textWidth);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(16);
    }
  });

  it("holds a cue into the following silence for reading time, but stops before the next cue", () => {
    // A fast phrase, then 3 s of silence, then more speech.
    const fast = [
      ...speak("this is said very quickly indeed", { msPerChar: 20, gap: 10 }),
      ...speak("then later more words", { start: 4000 }),
    ];
    const cues = layoutCaptions(fast);
    const first = cues[0];
    expect(first.text).toBe("this is said very quickly indeed");
    expect(first.text.length / (first.d / 1000)).toBeLessThanOrEqual(17);
    expect(first.st + first.d).toBeLessThanOrEqual(cues[1].st);
  });

  it("shows a lone short word for at least a second when there is room", () => {
    const cues = layoutCaptions([
      { w: "Yes.", s: 1000, e: 1200 },
      { w: "Then", s: 5000, e: 5300 },
      { w: "more.", s: 5400, e: 5700 },
    ]);
    expect(cues[0]).toMatchObject({ text: "Yes.", st: 1000 });
    expect(cues[0].d).toBeGreaterThanOrEqual(1000);
    expect(cues[0].st + cues[0].d).toBeLessThanOrEqual(5000);
  });

  it("starts a new cue after a pause", () => {
    const words = [
      ...speak("first phrase of the talk goes here"),
      ...speak("second phrase after a breath", { start: 4000 }),
    ];
    const cues = layoutCaptions(words);
    expect(cues.map((c) => c.text.replace(/\n/g, " "))).toEqual([
      "first phrase of the talk goes here",
      "second phrase after a breath",
    ]);
  });

  it("never runs a cue across a jump to another clip", () => {
    const words = speak("one two three four five six seven", { gap: 20 });
    const jump = words[3].s;
    const cues = layoutCaptions(words, { breaks: [jump] });
    expect(cues.map((c) => c.text)).toEqual(["one two three", "four five six seven"]);
    expect(cues[0].st + cues[0].d).toBeLessThanOrEqual(jump);
  });

  it("glues punctuation tokens to the word before", () => {
    const cues = layoutCaptions([
      { w: "Hello", s: 0, e: 300 },
      { w: ",", s: 300, e: 300 },
      { w: "world", s: 400, e: 700 },
      { w: "!", s: 700, e: 710 },
    ]);
    expect(cues[0].text).toBe("Hello, world!");
    expect(cues[0].words.map((w) => w.w)).toEqual(["Hello,", "world!"]);
  });

  it("lays out Chinese without spaces, counting characters double, breaking between characters", () => {
    const zh =
      "今天我们来讲一下视频剪辑的基本方法，但是首先你需要准备好素材然后打开软件，再把视频拖到时间线上面就可以开始剪辑了。";
    let t = 0;
    const words = [...zh].map((w) => ({ w, s: (t += 200) - 200, e: t - 20 }));
    const cues = layoutCaptions(words);
    checkCues(cues);
    expect(cues.every((c) => !/ /.test(c.text))).toBe(true);
    expect(cues.map((c) => c.text.replace(/\n/g, "")).join("")).toBe(zh);
    expect(cues[0].text.replace(/\n/g, "")).toMatch(/^今天我们来讲一下视频剪辑的基本方法，/);
  });

  it("splits a whole Chinese sentence given as one token", () => {
    const sentence = "今天我们来讲一下视频剪辑的基本方法但是首先你需要准备好素材然后打开软件";
    const cues = layoutCaptions([{ w: sentence, s: 0, e: 9000 }]);
    checkCues(cues);
    expect(cues.map((c) => c.text.replace(/\n/g, "")).join("")).toBe(sentence);
    expect(cues.length).toBeGreaterThan(1);
  });

  it("mixes Latin and CJK with spaces only between Latin words", () => {
    const cues = layoutCaptions([
      { w: "我", s: 0, e: 200 },
      { w: "用", s: 200, e: 400 },
      { w: "iPhone", s: 400, e: 800 },
      { w: "拍", s: 800, e: 1000 },
      { w: "video", s: 1000, e: 1300 },
      { w: "editing", s: 1300, e: 1700 },
    ]);
    expect(cues[0].text).toBe("我用iPhone拍video editing");
  });

  it.each([
    { name: "no words", words: [], cues: 0 },
    { name: "blank words", words: [{ w: " ", s: 0, e: 100 }], cues: 0 },
    {
      name: "overlapping, unsorted, zero-length words",
      words: [
        { w: "b", s: 500, e: 400 },
        { w: "a", s: 0, e: 700 },
        { w: "c", s: 500, e: 500 },
      ],
      cues: 1,
    },
  ])("copes with $name", ({ words, cues }) => {
    const out = layoutCaptions(words);
    expect(out).toHaveLength(cues);
    checkCues(out);
    if (cues) expect(out[0].words.map((w) => w.w)).toEqual(["a", "b", "c"]);
  });
});
