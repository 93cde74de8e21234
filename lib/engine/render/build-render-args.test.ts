import { describe, expect, it } from "vitest";
import { buildRenderArgs } from "./build-render-args";
import { layoutTimeline } from "./layout-timeline";
import { outputSpec } from "./presets";
import { fakeMedia, makeDraft } from "./test-drafts";

const media = {
  a: fakeMedia("a"),
  b: fakeMedia("b", { width: 1280, height: 720, fps: 25, sampleRate: 44100, channels: 1 }),
  silent: fakeMedia("silent", { hasAudio: false, audioCodec: null }),
  phone: fakeMedia("phone", { width: 1920, height: 1080, rotation: 90 }),
  img: fakeMedia("img", { width: 800, height: 800, durationMs: 0 }, "image"),
  song: fakeMedia("song", { durationMs: 4000 }, "audio"),
};

function build(draft: ReturnType<typeof makeDraft>, preset: "youtube" | "shorts" = "youtube", assPath: string | null = null) {
  const args = buildRenderArgs({ layout: layoutTimeline(draft, media), out: outputSpec(draft, preset, false), outputPath: "/out/.video.mp4.part", assPath });
  const graph = args[args.indexOf("-filter_complex") + 1];
  return { args, graph };
}

describe("buildRenderArgs", () => {
  it("reads only the used range of a source and encodes H.264 High / AAC 48 kHz stereo with faststart", () => {
    const { args, graph } = build(makeDraft({ video: [{ src: "a", in: 2000, out: 5000 }] }));
    expect(args.slice(0, args.indexOf("-filter_complex"))).toEqual(["-hide_banner", "-loglevel", "error", "-y", "-ss", "2", "-t", "3", "-i", "/media/a.mp4"]);
    expect(args.join(" ")).toContain("-c:v libx264 -preset veryfast -crf 20 -profile:v high -pix_fmt yuv420p -r 30 -c:a aac -b:a 192k -ar 48000 -ac 2 -movflags +faststart");
    expect(args.slice(-5)).toEqual(["-t", "3", "-f", "mp4", "/out/.video.mp4.part"]);
    expect(graph).toContain("[0:v]setpts=PTS-STARTPTS,fps=30,setsar=1,format=yuv420p,tpad=stop_mode=clone:stop_duration=3,trim=duration=3,setpts=PTS-STARTPTS[v0]");
    expect(graph).not.toContain("concat");
  });

  it("normalises clips of other sizes, rates and sample rates, and gives silent clips silence", () => {
    const { graph } = build(makeDraft({ video: [{ src: "a", out: 2000 }, { src: "b", out: 2000 }, { src: "silent", out: 1000 }] }));
    expect(graph).toContain("[1:v]setpts=PTS-STARTPTS,fps=30,scale=1920:1080,");
    expect(graph).toContain("[1:a]asetpts=PTS-STARTPTS,aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo");
    expect(graph).toContain("anullsrc=r=48000:cl=stereo,atrim=duration=1,aformat=sample_fmts=fltp[a2]");
    expect(graph).toContain("[v0][a0][v1][a1][v2][a2]concat=n=3:v=1:a=1[vcat][acat]");
  });

  it("uses the display size of rotated phone clips (ffmpeg autorotates) and the draft's fit", () => {
    const { graph } = build(makeDraft({ video: [{ src: "phone", out: 1000 }], m: { fit: "pad" } }));
    expect(graph).toContain("scale=608:1080,pad=1920:1080:656:0:black");
  });

  it("fills a 9:16 export with a blurred copy made at low resolution", () => {
    const { graph } = build(makeDraft({ video: [{ src: "a", out: 1000 }], m: { fit: "blur" } }), "shorts");
    expect(graph).toContain("split=2[v0bg][v0fg]");
    expect(graph).toContain("[v0bg]scale=136:240:force_original_aspect_ratio=increase,crop=136:240,boxblur=");
    expect(graph).toContain("[v0bgs][v0fgs]overlay=0:656");
  });

  it("holds images for their length and applies speed, rotation, flips, colour and fades", () => {
    const { args, graph } = build(
      makeDraft({ video: [{ src: "img", out: 3000, d: 3000, rotate: 90 }, { src: "a", in: 0, out: 4000, d: 2000, speed: 2, hflip: true, color: "bw", fadeIn: 500, fadeOut: 500 }] }),
    );
    expect(args.join(" ")).toContain("-loop 1 -framerate 30 -t 3 -i /media/img.mp4");
    expect(graph).toContain("transpose=clock");
    expect(graph).toContain("setpts=(PTS-STARTPTS)/2,fps=30,hflip,hue=s=0");
    expect(graph).toContain("fade=t=in:st=0:d=0.5,fade=t=out:st=1.5:d=0.5");
    expect(graph).toContain("[1:a]asetpts=PTS-STARTPTS,atempo=2,");
    expect(graph).toContain("afade=t=in:st=0:d=0.5,afade=t=out:st=1.5:d=0.5");
  });

  it("fills gaps on the video track with black and silence", () => {
    const { graph } = build(makeDraft({ video: [{ src: "a", out: 1000 }, { src: "a", st: 2000, out: 1000 }] }));
    expect(graph).toContain("color=c=black:s=1920x1080:r=30:d=1,format=yuv420p,setsar=1[v1]");
    expect(graph).toContain("concat=n=3");
  });

  it("crossfades so the incoming clip starts at its own timeline position", () => {
    const { graph } = build(makeDraft({ video: [{ src: "a", out: 2000 }, { src: "b", out: 2000, transitionIn: 500 }] }));
    expect(graph).toContain("[v0]tpad=stop_mode=clone:stop_duration=0.5,trim=duration=2.5[vx1]");
    expect(graph).toContain("[vx1][v1]xfade=transition=fade:duration=0.5:offset=2[vj1]");
    expect(graph).toContain("[ax1][a1]acrossfade=d=0.5[aj1]");
  });

  it("loops music, ducks it under the clips' sound, and normalises loudness", () => {
    const { graph, args } = build(makeDraft({ video: [{ src: "a", out: 10_000 }], audio: [{ src: "song", out: 4000, loop: true, duck: true, volume: 0.3, fadeOut: 1000 }], m: { loudness: -14 } }));
    expect(args.join(" ")).toContain("-i /media/song.mp4");
    expect(graph).toContain("aloop=loop=-1:size=192000,atrim=duration=10,volume=0.3,afade=t=out:st=9:d=1[s0]");
    expect(graph).toContain("[s0][akey]sidechaincompress=");
    expect(graph).toContain("[amain][sduck]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[amix]");
    expect(graph).toContain("[amix]loudnorm=I=-14:TP=-1.5:LRA=11,aresample=48000");
    expect(args[args.lastIndexOf("-map") + 1]).toBe("[aloud]");
  });

  it("burns text in from the ASS file with the path escaped, never the text itself", () => {
    const draft = makeDraft({ video: [{ src: "a", out: 2000 }], text: [{ text: "Don't [break]; the, graph: {x}", kind: "title" }] });
    const { graph } = build(draft, "youtube", "/data/it's here/[job]/.video.ass");
    expect(graph).toContain("[v0]ass=filename=/data/it\\\\\\'s here/\\[job\\]/.video.ass,format=yuv420p[vtext]");
    expect(graph).not.toContain("Don");
  });
});

describe("layoutTimeline", () => {
  it.each([
    [makeDraft({}), /timeline is empty/],
    [makeDraft({ video: [{ src: "gone", out: 1000, name: "holiday.mp4" }] }), /"holiday.mp4" is no longer in this project/],
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
