import { describe, expect, it } from "vitest";
import { buildRenderArgs } from "./build-render-args";
import { layoutTimeline } from "./layout-timeline";
import { outputSpec } from "./presets";
import { fakeMedia, makeDraft } from "@/tests/support/engine/test-drafts";

const media = {
  a: fakeMedia("a"),
  b: fakeMedia("b", { width: 1280, height: 720, fps: 25, sampleRate: 44100, channels: 1 }),
  silent: fakeMedia("silent", { hasAudio: false, audioCodec: null }),
  phone: fakeMedia("phone", { width: 1920, height: 1080, rotation: 90 }),
  img: fakeMedia("img", { width: 800, height: 800, durationMs: 0 }, "image"),
  song: fakeMedia("song", { durationMs: 4000 }, "audio"),
  talk: fakeMedia("talk", { durationMs: 3_600_000 }),
};

function build(
  draft: ReturnType<typeof makeDraft>,
  preset: "youtube" | "shorts" = "youtube",
  assPath: string | null = null,
) {
  const args = buildRenderArgs({
    layout: layoutTimeline(draft, media),
    out: outputSpec(draft, preset, false),
    outputPath: "/out/.video.mp4.part",
    assPath,
  });
  const graph = args[args.indexOf("-filter_complex") + 1];
  return { args, graph };
}

describe("buildRenderArgs", () => {
  it("reads only the used range of a source and encodes H.264 High / AAC 48 kHz stereo with faststart", () => {
    const { args, graph } = build(makeDraft({ video: [{ src: "a", in: 2000, out: 5000 }] }));
    expect(args.slice(0, args.indexOf("-filter_complex"))).toEqual([
      "-hide_banner",
      "-loglevel",
      "error",
      "-y",
      "-ss",
      "2",
      "-t",
      "3",
      "-i",
      "/media/a.mp4",
    ]);
    expect(args.join(" ")).toContain(
      "-c:v libx264 -preset veryfast -crf 20 -profile:v high -pix_fmt yuv420p -r 30 -c:a aac -b:a 192k -ar 48000 -ac 2 -movflags +faststart",
    );
    expect(args.slice(-5)).toEqual(["-t", "3", "-f", "mp4", "/out/.video.mp4.part"]);
    expect(graph).toContain(
      "[0:v]setpts=PTS-STARTPTS,fps=30,setsar=1,format=yuv420p,tpad=stop_mode=clone:stop=90,trim=end_frame=90,setpts=PTS-STARTPTS[v0]",
    );
    expect(graph).not.toContain("concat");
  });

  it("normalises clips of other sizes, rates and sample rates, and gives silent clips silence", () => {
    const { graph } = build(
      makeDraft({
        video: [
          { src: "a", out: 2000 },
          { src: "b", out: 2000 },
          { src: "silent", out: 1000 },
        ],
      }),
    );
    expect(graph).toContain("[1:v]setpts=PTS-STARTPTS,fps=30,scale=1920:1080,");
    expect(graph).toContain(
      "[1:a]asetpts=PTS-STARTPTS,aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo",
    );
    expect(graph).toContain(
      "anullsrc=r=48000:cl=stereo,atrim=end_sample=48000,aformat=sample_fmts=fltp[a2]",
    );
    expect(graph).toContain("[v0][a0][v1][a1][v2][a2]concat=n=3:v=1:a=1[vcat][acat]");
  });

  it("uses the display size of rotated phone clips (ffmpeg autorotates) and the draft's fit", () => {
    const { graph } = build(makeDraft({ video: [{ src: "phone", out: 1000 }], m: { fit: "pad" } }));
    expect(graph).toContain("scale=608:1080,pad=1920:1080:656:0:black");
  });

  it("fills a 9:16 export with a blurred copy made at low resolution", () => {
    const { graph } = build(
      makeDraft({ video: [{ src: "a", out: 1000 }], m: { fit: "blur" } }),
      "shorts",
    );
    expect(graph).toContain("split=2[v0bg][v0fg]");
    expect(graph).toContain(
      "[v0bg]scale=136:240:force_original_aspect_ratio=increase,crop=136:240,boxblur=",
    );
    expect(graph).toContain("[v0bgs][v0fgs]overlay=0:656");
  });

  it("holds images for their length and applies speed, rotation, flips, colour and fades", () => {
    const { args, graph } = build(
      makeDraft({
        video: [
          { src: "img", out: 3000, d: 3000, rotate: 90 },
          {
            src: "a",
            in: 0,
            out: 4000,
            d: 2000,
            speed: 2,
            hflip: true,
            color: "bw",
            fadeIn: 500,
            fadeOut: 500,
          },
        ],
      }),
    );
    expect(args.join(" ")).toContain("-loop 1 -framerate 30 -t 3 -i /media/img.mp4");
    expect(graph).toContain("transpose=clock");
    expect(graph).toContain("setpts=(PTS-STARTPTS)/2,fps=30,hflip,hue=s=0");
    expect(graph).toContain("fade=t=in:st=0:d=0.5,fade=t=out:st=1.5:d=0.5");
    expect(graph).toContain("[1:a]asetpts=PTS-STARTPTS,atempo=2,");
    expect(graph).toContain("afade=t=in:st=0:d=0.5,afade=t=out:st=1.5:d=0.5");
  });

  it("fades the sound over 5 ms at each hard join (no click where a cut jumps the waveform), not at the ends", () => {
    const { graph } = build(
      makeDraft({
        video: [
          { src: "a", out: 1000 },
          { src: "a", in: 2000, out: 3000 },
        ],
      }),
    );
    expect(graph).toContain("[r0a0]asetpts=PTS-STARTPTS,afade=t=out:st=0.995:d=0.005[a0]");
    expect(graph).toContain("[r0a2]asetpts=PTS-STARTPTS,afade=t=in:st=0:d=0.005[a1]");
  });

  it("fills gaps on the video track with black and silence", () => {
    const { graph } = build(
      makeDraft({
        video: [
          { src: "a", out: 1000 },
          { src: "a", st: 2000, out: 1000 },
        ],
      }),
    );
    expect(graph).toContain(
      "color=c=black:s=1920x1080:r=30,trim=end_frame=30,format=yuv420p,setsar=1[v1]",
    );
    expect(graph).toContain("concat=n=3");
  });

  it("crossfades so the incoming clip starts at its own timeline position", () => {
    const { graph } = build(
      makeDraft({
        video: [
          { src: "a", out: 2000 },
          { src: "b", out: 2000, transitionIn: 500 },
        ],
      }),
    );
    // Frames numbered afresh before tpad (it held nothing after an xfade), and both sides
    // of xfade in one time base (a concat's output is in microseconds).
    expect(graph).toContain(
      "[v0]setpts=N/(30)/TB,tpad=stop_mode=clone:stop_duration=0.5,trim=duration=2.5,settb=AVTB[vx1]",
    );
    expect(graph).toContain("[v1]settb=AVTB[vi1]");
    expect(graph).toContain("[vx1][vi1]xfade=transition=fade:duration=0.5:offset=2[vj1]");
    // Every sound of the chain is ended by its own atrim (see exactSamples).
    expect(graph).toContain("[a0]apad=whole_len=120001,atrim=duration=2.5[ax1]");
    expect(graph).toContain("apad=whole_len=96001,atrim=end_sample=96000[a1]");
    expect(graph).toContain("[ax1][a1]acrossfade=d=0.5[aj1]");
  });

  it("loops music, ducks it under the clips' sound, and normalises loudness", () => {
    const { graph, args } = build(
      makeDraft({
        video: [{ src: "a", out: 10_000 }],
        audio: [{ src: "song", out: 4000, loop: true, duck: true, volume: 0.3, fadeOut: 1000 }],
        m: { loudness: -14 },
      }),
    );
    expect(args.join(" ")).toContain("-i /media/song.mp4");
    expect(graph).toContain(
      "aloop=loop=-1:size=192000,atrim=duration=10,volume=0.3,afade=t=out:st=9:d=1[s0]",
    );
    expect(graph).toContain("[s0][akey]sidechaincompress=");
    expect(graph).toContain(
      "[amain][sduck]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[amix]",
    );
    expect(graph).toContain("[amix]loudnorm=I=-14:TP=-1.5:LRA=11,aresample=48000");
    expect(args[args.lastIndexOf("-map") + 1]).toBe("[aloud]");
  });

  it("burns text in from the ASS file with the path escaped, never the text itself", () => {
    const draft = makeDraft({
      video: [{ src: "a", out: 2000 }],
      text: [{ text: "Don't [break]; the, graph: {x}", kind: "title" }],
    });
    const { graph } = build(draft, "youtube", "/data/it's here/[job]/.video.ass");
    expect(graph).toContain(
      "[v0]ass=filename=/data/it\\\\\\'s here/\\[job\\]/.video.ass,format=yuv420p[vtext]",
    );
    expect(graph).not.toContain("Don");
  });
});

describe("buildRenderArgs with many cuts", () => {
  // "Remove the pauses": 300 pieces of one source, read forwards with pauses between them.
  const cuts = (n: number) =>
    makeDraft({
      video: Array.from({ length: n }, (_, i) => ({
        src: "talk",
        in: i * 1000,
        out: i * 1000 + 700,
      })),
    });

  it("opens ONE input for a source read forwards, cutting it with segment/asegment at exact frame and sample counts", () => {
    const { args, graph } = build(cuts(300));
    expect(args.filter((a) => a === "-i")).toHaveLength(1);
    expect(args.slice(args.indexOf("-i") - 2, args.indexOf("-i") + 2)).toEqual([
      "-t",
      "299.734",
      "-i",
      "/media/talk.mp4",
    ]);
    // 700 ms = 21 frames at 30 fps; a clip every 30 frames.
    const frames = Array.from({ length: 300 }, (_, i) => [i * 30, i * 30 + 21])
      .flat()
      .slice(1);
    expect(graph).toContain(
      `[0:v]fps=30:start_time=0,setsar=1,format=yuv420p,segment=frames=${frames.join("|")}[r0v0][r0vx1][r0v2]`,
    );
    expect(graph).toContain(
      `[0:a]aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,asegment=samples=${frames.map((f) => f * 1600).join("|")}[r0a0][r0ax1][r0a2]`,
    );
    expect(graph).toContain("[r0vx1]nullsink;");
    expect(graph).toContain(
      "[r0v598]setpts=PTS-STARTPTS,trim=end_frame=21,setpts=PTS-STARTPTS[v299]",
    );
    expect(graph).toContain("[r0a598]asetpts=PTS-STARTPTS,afade=t=in:st=0:d=0.005[a299]");
    expect(graph).toContain("[r0vx599]nullsink");
    expect(graph).toContain("[r0ax599]anullsink");
    expect(graph).toContain("concat=n=300:v=1:a=1[vcat][acat]");
    // No per-clip scaler, frame-rate converter, padder or resampler: each held memory until the render ended.
    expect(graph.match(/fps=|tpad=|scale=|aresample=|apad/g)).toHaveLength(2);
  });

  it("starts another reader (seeking) for a clip that goes back in its source or jumps far ahead", () => {
    const draft = makeDraft({
      video: [
        { src: "a", in: 1000, out: 2000 },
        { src: "a", in: 2500, out: 3000 },
        { src: "a", in: 0, out: 500 }, // backwards: its own input
        { src: "a", in: 3000, out: 3500 }, // right after the second: the first reader again
        { src: "a", in: 60_000, out: 61_000 }, // 57 s ahead: seeking beats decoding through
      ],
    });
    const { args, graph } = build(draft);
    expect(args.join(" ")).toContain(
      "-ss 1 -t 2.534 -i /media/a.mp4 -t 0.5 -i /media/a.mp4 -ss 60 -t 1 -i /media/a.mp4",
    );
    expect(graph).toContain(
      "[0:v]fps=30:start_time=0,setsar=1,format=yuv420p,segment=frames=30|45|60|75[r0v0][r0vx1][r0v2][r0v3][r0vx4]",
    );
    expect(graph).toContain("[r0v3]setpts=PTS-STARTPTS,trim=end_frame=15,setpts=PTS-STARTPTS[v3]");
    expect(graph).toContain("[1:v]setpts=PTS-STARTPTS,fps=30,setsar=1");
  });

  it("orients, colours and scales a shared reader's picture once (a scaler per clip cost ~15 MB each at 1080p); a clip with another look reads on its own", () => {
    const draft = makeDraft({
      video: [0, 1, 2, 3].map((i) => ({
        src: "b",
        in: i * 1000,
        out: i * 1000 + 500,
        color: i === 2 ? "bw" : "none",
        speed: i === 1 ? 2 : 1,
        d: i === 1 ? 250 : 500,
      })),
    });
    const { args, graph } = build(draft);
    expect(args.filter((a) => a === "-i")).toHaveLength(2);
    expect(graph).toContain(
      "[0:v]fps=30:start_time=0,scale=1920:1080,setsar=1,format=yuv420p,segment=frames=15|30|47|90|105[r0v0][r0vx1][r0v2][r0vx3][r0v4][r0vx5]",
    );
    expect(graph.match(/scale=1920:1080/g)).toHaveLength(2);
    // A sped-up clip takes the source frames it needs plus one, converts its own frame rate and pads in case.
    expect(graph).toContain(
      "[r0v2]setpts=(PTS-STARTPTS)/2,fps=30,tpad=stop_mode=clone:stop=8,trim=end_frame=8",
    );
    expect(graph).toContain(
      "[r0a2]asetpts=PTS-STARTPTS,atempo=2,afade=t=in:st=0:d=0.005,afade=t=out:st=0.245:d=0.005,apad=whole_len=12800,atrim=end_sample=12800[a1]",
    );
    expect(graph).toContain("[1:v]setpts=PTS-STARTPTS,fps=30,hue=s=0,scale=1920:1080,setsar=1");
  });

  it("keeps one reader when pauses shorter than a frame were cut: the later clip starts a frame on", () => {
    // 115 ms kept of every 120 ms: at 30 fps the next in point often falls on the last frame already taken.
    const draft = makeDraft({
      video: Array.from({ length: 1000 }, (_, i) => ({
        src: "talk",
        in: i * 120 + 7,
        out: i * 120 + 122,
      })),
    });
    const { args, graph } = build(draft);
    expect(args.filter((a) => a === "-i")).toHaveLength(1);
    const points = /segment=frames=([\d|]+)/.exec(graph)![1].split("|").map(Number);
    expect(points.every((p, i) => i === 0 || p > points[i - 1])).toBe(true);
  });

  it("mutes a clip of a shared reader by sinking its sound and playing silence", () => {
    const draft = makeDraft({
      video: [0, 1, 2].map((i) => ({
        src: "a",
        in: i * 3000,
        out: i * 3000 + 2000,
        volume: i === 1 ? 0 : 1,
      })),
    });
    const { graph } = build(draft);
    expect(graph).toContain("[r0a2]anullsink");
    expect(graph).toContain(
      "anullsrc=r=48000:cl=stereo,atrim=end_sample=96000,aformat=sample_fmts=fltp[a1]",
    );
    expect(graph).toContain("[r0v2]setpts=PTS-STARTPTS");
  });

  it("keeps every cut on the frame grid, so 1,000 cuts of 31 ms do not push the picture behind the timeline", () => {
    const draft = makeDraft({
      video: Array.from({ length: 1000 }, (_, i) => ({ src: "a", in: i * 50, out: i * 50 + 31 })),
    });
    const { graph } = build(draft);
    const frames = [...graph.matchAll(/trim=end_frame=(\d+)/g)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
    expect(frames).toBe(Math.ceil((31_000 * 30) / 1000)); // 930 frames for 31 s, not 1,000 x ceil(0.93)
  });

  it("renders the sound of the whole timeline with no picture, and a chunk's picture alone", () => {
    const draft = makeDraft({
      video: [
        { src: "a", out: 2000 },
        { src: "a", in: 3000, out: 5000 },
        { src: "b", out: 1000 },
      ],
      text: [{ text: "Hi", st: 1500, d: 1000 }],
    });
    const layout = layoutTimeline(draft, media);
    const out = outputSpec(draft, "youtube", false);
    const audio = buildRenderArgs({
      layout,
      out,
      outputPath: "/o/a.mp4",
      assPath: null,
      part: { kind: "audio" },
    });
    const ag = audio[audio.indexOf("-filter_complex") + 1];
    // No stand-in picture and no endless padding: with either, ffmpeg 5.1 held every sample.
    expect(ag).not.toMatch(/color=|\]nullsink|\[\d+:v\]|apad(,|\[|$)/);
    // The pieces of a shared reader are exact already; the other clip is cut to its samples.
    expect(ag).toContain("[r0a0]asetpts=PTS-STARTPTS,afade=t=out:st=1.995:d=0.005[a0]");
    expect(ag).toContain("apad=whole_len=48000,atrim=end_sample=48000[a2]");
    expect(ag).toMatch(/concat=n=3:v=0:a=1\[acat\]/);
    expect(ag).toContain("channel_layouts=stereo,asegment=samples=96000|144000|240000");
    expect(audio).not.toContain("-c:v");
    expect(audio.slice(-6)).toEqual(
      ["-t", "5", "-f", "mp4", "/o/a.mp4"].length === 5
        ? [audio.at(-6), "-t", "5", "-f", "mp4", "/o/a.mp4"]
        : [],
    );
    const video = buildRenderArgs({
      layout,
      out,
      outputPath: "/o/v.mp4",
      assPath: "/o/t.ass",
      part: { kind: "video", first: 1, end: 3, startFrame: 60, frames: 90 },
    });
    const vg = video[video.indexOf("-filter_complex") + 1];
    expect(video.join(" ")).toContain("-ss 3 -t 2 -i /media/a.mp4 -t 1 -i /media/b.mp4");
    expect(vg).toContain("concat=n=2:v=1:a=0[vcat]");
    expect(vg).toContain(
      "[vcat]setpts=PTS+60/((30)*TB),ass=filename=/o/t.ass,setpts=PTS-STARTPTS,format=yuv420p[vtext]",
    );
    expect(vg).not.toContain("asetpts");
    expect(video.join(" ")).toContain("-force_key_frames 0 -frames:v 90 -an -f mp4 /o/v.mp4");
  });
});

describe("layoutTimeline", () => {
  it.each([
    [makeDraft({}), /timeline is empty/],
    [
      makeDraft({ video: [{ src: "gone", out: 1000, name: "holiday.mp4" }] }),
      /"holiday.mp4" is no longer in this project/,
    ],
  ])("refuses what cannot be rendered with a sentence (%#)", (draft, message) => {
    expect(() => layoutTimeline(draft, media)).toThrow(message);
  });

  it("refuses a second video track instead of silently dropping it", () => {
    const draft = makeDraft({ video: [{ src: "a", out: 1000 }] });
    draft.t.push({ ...draft.t[0] });
    expect(() => layoutTimeline(draft, media)).toThrow(/more than one video track/);
  });

  it("renders a text-only timeline over black", () => {
    const layout = layoutTimeline(makeDraft({ text: [{ text: "Hi", st: 0, d: 2000 }] }), media);
    expect(layout.items).toEqual([{ type: "gap", st: 0, d: 2000 }]);
  });
});
