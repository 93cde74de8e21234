import { describe, expect, it } from "vitest";
import { makeAudio, makeClip, makeImage } from "@/tests/support/make-media";
import {
  parseProbe,
  parseRate,
  probeMedia,
  probeMediaAndFirstPicture,
  rotationOf,
} from "./probe-media";
import { makePhoneClip, makePicturelessMp4 } from "@/tests/support/engine/test-media";

describe("parseRate", () => {
  it.each([
    ["25/1", 25],
    ["30000/1001", 30000 / 1001],
    ["0/0", 0],
    ["", 0],
    [undefined, 0],
    ["abc", 0],
  ])("%j -> %d", (raw, want) => {
    expect(parseRate(raw)).toBeCloseTo(want, 6);
  });
});

describe("rotationOf", () => {
  it.each([
    ["no rotation", {}, 0],
    [
      "phone portrait (display matrix -90)",
      { side_data_list: [{ side_data_type: "Display Matrix", rotation: -90 }] },
      90,
    ],
    [
      "display matrix 90",
      { side_data_list: [{ side_data_type: "Display Matrix", rotation: 90 }] },
      270,
    ],
    [
      "display matrix 180",
      { side_data_list: [{ side_data_type: "Display Matrix", rotation: 180 }] },
      180,
    ],
    [
      "display matrix -180",
      { side_data_list: [{ side_data_type: "Display Matrix", rotation: -180 }] },
      180,
    ],
    ["older rotate tag", { tags: { rotate: "90" } }, 90],
    ["rotate tag 270", { tags: { rotate: "270" } }, 270],
    [
      "matrix wins over tag",
      {
        tags: { rotate: "90" },
        side_data_list: [{ side_data_type: "Display Matrix", rotation: -90 }],
      },
      90,
    ],
    [
      "nearly a quarter turn",
      { side_data_list: [{ side_data_type: "Display Matrix", rotation: -89.9 }] },
      90,
    ],
    ["junk tag", { tags: { rotate: "sideways" } }, 0],
  ])("%s", (_label, stream, want) => {
    expect(rotationOf(stream)).toBe(want);
  });
});

describe("parseProbe", () => {
  const video = {
    codec_type: "video",
    codec_name: "h264",
    width: 1920,
    height: 1080,
    pix_fmt: "yuv420p",
    r_frame_rate: "30/1",
    avg_frame_rate: "30/1",
    profile: "High",
  };
  const audio = { codec_type: "audio", codec_name: "aac", sample_rate: "48000", channels: 2 };
  it.each([
    [
      "video + audio",
      {
        streams: [video, audio],
        format: { format_name: "mov,mp4", duration: "12.345", bit_rate: "800000" },
      },
      {
        durationMs: 12345,
        width: 1920,
        height: 1080,
        fps: 30,
        vfr: false,
        hasVideo: true,
        hasAudio: true,
        sampleRate: 48000,
        channels: 2,
        bitRate: 800000,
      },
    ],
    [
      "variable frame rate",
      {
        streams: [{ ...video, r_frame_rate: "60/1", avg_frame_rate: "2397/100" }],
        format: { duration: "1" },
      },
      { vfr: true, fps: 23.97, hasAudio: false, audioCodec: null },
    ],
    [
      "NTSC rate is not VFR",
      {
        streams: [{ ...video, r_frame_rate: "30000/1001", avg_frame_rate: "30000/1001" }],
        format: { duration: "1" },
      },
      { vfr: false, fps: 29.97 },
    ],
    [
      "cover art is not video",
      {
        streams: [audio, { ...video, codec_name: "mjpeg", disposition: { attached_pic: 1 } }],
        format: { duration: "3" },
      },
      { hasVideo: false, hasAudio: true, videoCodec: null, width: 0 },
    ],
    [
      "duration from the stream",
      { streams: [{ ...video, duration: "2.5" }], format: {} },
      { durationMs: 2500 },
    ],
    ["nothing at all", {}, { durationMs: 0, hasVideo: false, hasAudio: false, container: "" }],
  ])("%s", (_label, raw, want) => {
    expect(parseProbe(raw)).toMatchObject(want);
  });
});

describe("probeMedia on real files", () => {
  it("reads a plain clip", async () => {
    const p = await probeMedia(makeClip({ seconds: 2, width: 320, height: 240, fps: 25 }));
    expect(p).toMatchObject({
      width: 320,
      height: 240,
      rotation: 0,
      fps: 25,
      vfr: false,
      videoCodec: "h264",
      audioCodec: "aac",
      pixFmt: "yuv420p",
      hasAudio: true,
      sampleRate: 48000,
    });
    expect(p.durationMs).toBeGreaterThanOrEqual(1950);
    expect(p.durationMs).toBeLessThanOrEqual(2100);
  });

  it("reads a phone clip: odd size, rotation, VFR, no audio", async () => {
    const p = await probeMedia(makePhoneClip());
    expect(p).toMatchObject({
      width: 1921,
      height: 1081,
      rotation: 90,
      vfr: true,
      hasAudio: false,
      audioCodec: null,
      pixFmt: "yuv444p",
    });
    expect(p.fps).toBeLessThan(25);
  });

  it("reads an image and an audio file", async () => {
    expect(await probeMedia(makeImage("webp"))).toMatchObject({
      width: 320,
      height: 240,
      hasVideo: true,
      videoCodec: "webp",
    });
    expect(await probeMedia(makeAudio("wav"))).toMatchObject({
      hasVideo: false,
      hasAudio: true,
      audioCodec: "pcm_s16le",
    });
  });

  it("refuses what ffprobe cannot read with a 4001 sentence", async () => {
    await expect(probeMedia("/etc/hostname")).rejects.toMatchObject({
      code: 4001,
      message: expect.stringMatching(/damaged or incomplete/),
    });
  });
});

describe("probeMediaAndFirstPicture", () => {
  it.each([
    ["an mp4", () => makeClip(), true],
    ["a matroska file that starts with sound packets", () => makeClip({ format: "mkv" }), true],
    ["an avi", () => makeClip({ format: "avi" }), true],
    ["an mp3 (no picture to decode)", () => makeAudio("mp3"), false],
    ["an mp4 whose pictures are zeroed", () => makePicturelessMp4(), false],
  ])("%s: picture decoded = %s", async (_label, make, decoded) => {
    const file = make();
    const got = await probeMediaAndFirstPicture(file);
    expect(got.pictureDecoded).toBe(decoded);
    expect(got.probe).toEqual(await probeMedia(file)); // the same facts as the plain probe
  });
});
