import { describe, expect, it } from "vitest";
import { emptyDraft, type TextTrack } from "@/lib/draft/schema";
import { AppError } from "@/lib/errors";
import { applyOp } from "../ops/apply-op";
import {
  assertDraftInvariants,
  captionCues,
  evenWords,
  videoDraft,
} from "@/tests/support/engine/ops-testing";
import { applyUploadedCaptions, decodeSubtitleBytes } from "./uploaded-captions";

const SRT =
  "1\n00:00:01,000 --> 00:00:02,500\nHello <i>there</i>.\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond\n";
const ids = (i: number) => `up${i}`;

describe("applyUploadedCaptions", () => {
  it("puts the file's cues on a captions track marked as an uploaded file", () => {
    const { draft } = videoDraft([10_000]);
    const r = applyUploadedCaptions(draft, "talk.srt", SRT, ids);
    assertDraftInvariants(r.draft);
    const track = r.draft.t.find((t) => t.m.role === "captions") as TextTrack;
    expect(track.m).toMatchObject({ name: "Captions", role: "captions", engine: "uploaded file" });
    expect(track.sg.map((s) => [s.id, s.st, s.d, s.text, s.kind])).toEqual([
      ["up0", 1000, 1500, "Hello there.", "caption"],
      ["up1", 3000, 1000, "Second", "caption"],
    ]);
    expect(r.label).toBe("Captions from talk.srt: 2 lines");
    expect(r.draft.d).toBe(10_000);
  });

  it("replaces captions made from speech but keeps their look", () => {
    const { draft, ctx } = videoDraft([10_000], [], {
      v1: { words: evenWords(6, 0), transcriptEngine: "pocketsphinx (en-us)" },
    });
    const withSpeech = applyOp(draft, { op: "captions", style: "bold" }, ctx).draft;
    const r = applyUploadedCaptions(
      withSpeech,
      "talk.vtt",
      `WEBVTT\n\n${SRT.replace(/,/g, ".")}`,
      ids,
    );
    const cues = captionCues(r.draft);
    expect(cues.map((c) => c.text)).toEqual(["Hello there.", "Second"]);
    expect(cues.every((c) => c.style === "bold")).toBe(true);
    expect(r.draft.t.filter((t) => t.m.role === "captions")).toHaveLength(1);
    expect(r.draft.t.find((t) => t.m.role === "captions")!.m.engine).toBe("uploaded file");
  });

  it("trims cues to the video and leaves out the ones after it, saying so", () => {
    const { draft } = videoDraft([3_500]);
    const r = applyUploadedCaptions(
      draft,
      "long.srt",
      `${SRT}\n3\n00:00:05,000 --> 00:00:06,000\nAfter the end\n`,
      ids,
    );
    expect(captionCues(r.draft).map((c) => [c.st, c.d])).toEqual([
      [1000, 1500],
      [3000, 500],
    ]);
    expect(r.draft.d).toBe(3_500);
    expect(r.label).toBe("Captions from long.srt: 2 lines (1 after the end of the video left out)");
  });

  it("keeps the usable cues of a quirky file and names the lines it skipped", () => {
    const { draft } = videoDraft([10_000]);
    const quirky =
      "00:00:01,50 -> 00:00:02,50\n  Hello\n00:00:03,000 --> 00:00:03,000\nGone\n\n00:00:04,000 --> 00:00:05,000\n\n";
    const r = applyUploadedCaptions(draft, "other.srt", quirky, ids);
    expect(captionCues(r.draft).map((c) => [c.st, c.d, c.text])).toEqual([[1500, 1000, "Hello"]]);
    expect(r.skipped).toEqual([
      { line: 3, reason: "starts and ends at the same time" },
      { line: 6, reason: "has no text" },
    ]);
    expect(r.label).toBe("Captions from other.srt: 1 line; skipped 2 that could not be used");
    expect(r.note).toBe(
      "Captions from other.srt: 1 line; skipped 2 that could not be used. I skipped 2 captions I could not use: line 3 (starts and ends at the same time), line 6 (has no text). Fix those lines in other.srt and upload it again to include them.",
    );
  });

  it.each([
    [
      "a file of another type",
      "captions.txt",
      SRT,
      () => videoDraft([10_000]).draft,
      /must be an \.srt or \.vtt file/,
    ],
    ["an empty timeline", "a.srt", SRT, () => emptyDraft(), /Add a clip first/],
    [
      "captions all after the video",
      "a.srt",
      SRT,
      () => videoDraft([800]).draft,
      /None of the captions in a\.srt fall within the video \(it is 0:00\.8 long; the first caption starts at 0:01\)/,
    ],
    [
      "a file with no usable cue",
      "a.srt",
      "1\n00:00:01,000 --> nope\nHi\n",
      () => videoDraft([10_000]).draft,
      /could be used: line 2 \("00:00:01,000 --> nope" is not a time range/,
    ],
    [
      "a file that is not captions",
      "a.srt",
      "just some notes\n",
      () => videoDraft([10_000]).draft,
      /not a captions file/,
    ],
  ])("refuses %s with a sentence", (_name, file, text, draft, message) => {
    let err: unknown;
    try {
      applyUploadedCaptions(draft(), file, text, ids);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as Error).message).toMatch(message);
  });
});

describe("decodeSubtitleBytes", () => {
  it.each([
    ["UTF-8", Buffer.from("Café", "utf8"), "Café"],
    [
      "UTF-8 with BOM",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Hi", "utf8")]),
      "Hi",
    ],
    [
      "UTF-16LE with BOM",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Hi é", "utf16le")]),
      "Hi é",
    ],
    ["Windows-1252", Buffer.from([0x43, 0x61, 0x66, 0xe9]), "Café"],
  ])("%s", (_name, bytes, text) => {
    expect(decodeSubtitleBytes(bytes).replace(/^\uFEFF/, "")).toBe(text);
  });
});
