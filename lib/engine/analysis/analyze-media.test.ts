import { describe, expect, it } from "vitest";
import { probeMedia } from "../ingest/probe-media";
import type { MediaRecord } from "../media/types";
import { makeClip, makeSpeechClip } from "@/tests/support/make-media";
import { findContentStart, findSilences } from "./analyze-media";

async function record(file: string): Promise<MediaRecord> {
  const probe = await probeMedia(file);
  return {
    id: "med_t",
    sessionId: "s",
    kind: "video",
    name: "t.mp4",
    size: 1,
    path: file,
    hash: "h",
    probe,
    poster: null,
    filmstrip: null,
    peaks: null,
    proxy: null,
    proxyStatus: "none",
    createdAt: 0,
  };
}

describe("media analysis on real clips", () => {
  it("finds the end of 3 s of black and silence before speech", async () => {
    const media = await record(
      makeSpeechClip({
        text: "Hello and welcome to the tutorial",
        silenceSeconds: 3,
        width: 320,
        height: 240,
      }),
    );
    const start = await findContentStart(media);
    expect(start).not.toBeNull();
    expect(start!.startMs).toBeGreaterThanOrEqual(2700);
    expect(start!.startMs).toBeLessThanOrEqual(3300);
    expect(start!.findings.join(", ")).toMatch(/silence until 3\.\d s/);
    expect(start!.findings.join(", ")).toMatch(/black frames until 3\.0 s/);
  });

  it("prefers the first word of the transcript when given", async () => {
    const media = await record(
      makeSpeechClip({
        text: "Hello and welcome to the tutorial",
        silenceSeconds: 3,
        width: 320,
        height: 240,
      }),
    );
    const start = await findContentStart(media, { speechStartMs: 3150 });
    expect(start).toMatchObject({ startMs: 3000, reason: "speech starts at 3.2 s" });
  });

  it("finds nothing to cut in a clip that starts with content", async () => {
    const media = await record(makeClip({ seconds: 2 }));
    expect(await findContentStart(media)).toBeNull();
  });

  it("lists the pauses of the whole clip", async () => {
    const media = await record(
      makeSpeechClip({ text: "One. Two.", silenceSeconds: 2, width: 320, height: 240 }),
    );
    const silences = await findSilences(media);
    expect(silences[0].start).toBe(0);
    expect(silences[0].end).toBeGreaterThan(1800);
    expect(silences[0].end).toBeLessThan(2300);
    expect(silences.at(-1)!.end).toBeLessThanOrEqual(media.probe.durationMs);
  });
});
