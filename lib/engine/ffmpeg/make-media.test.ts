import { describe, expect, it } from "vitest";
import { makeClip, makeSpeechClip, probe } from "@/tests/support/make-media";

// The generators the other tests rely on must make what they promise.
describe("test media generators", () => {
  it("makes a clip of the asked size, rate and length", () => {
    const p = probe(makeClip({ seconds: 1, width: 320, height: 240, fps: 25 }));
    expect(p).toMatchObject({ width: 320, height: 240, videoCodec: "h264", audioCodec: "aac" });
    expect(p.duration).toBeCloseTo(1, 1);
  });

  it("makes a speech clip with a silent intro", () => {
    const p = probe(makeSpeechClip({ text: "hello there", silenceSeconds: 2 }));
    expect(p.duration).toBeGreaterThan(2.5);
    expect(p.audioCodec).toBe("aac");
  });
});
