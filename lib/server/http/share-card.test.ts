import { describe, expect, it } from "vitest";
import type { ExportJob } from "@/lib/export/schema";
import { shareCardMetadata } from "./share-card";

const job = (width: number | null, height: number | null): ExportJob => ({
  id: "exp_1",
  status: "completed",
  progress: 100,
  eta: null,
  preset: "youtube",
  width,
  height,
  outputUrl: null,
  shareUrl: null,
  srtUrl: null,
  vttUrl: null,
  error: null,
  createdAt: "",
  updatedAt: "",
});

describe("shareCardMetadata", () => {
  it("names the title, poster and video with absolute URLs and their sizes", () => {
    const m = shareCardMetadata({
      shareId: "shr_a b",
      title: "Trip",
      job: job(1080, 1920),
      hasPoster: true,
      origin: "https://v.example",
    });
    expect(m.openGraph).toMatchObject({
      type: "video.other",
      title: "Trip",
      url: "https://v.example/s/shr_a%20b",
      images: [
        {
          url: "https://v.example/api/share/shr_a%20b/poster",
          width: 1080,
          height: 1920,
          type: "image/jpeg",
        },
      ],
      videos: [
        {
          url: "https://v.example/api/share/shr_a%20b/video",
          secureUrl: "https://v.example/api/share/shr_a%20b/video",
          type: "video/mp4",
          width: 1080,
          height: 1920,
        },
      ],
    });
    expect(m.twitter).toMatchObject({
      card: "summary_large_image",
      title: "Trip",
      images: [{ url: "https://v.example/api/share/shr_a%20b/poster" }],
    });
  });

  it.each([
    ["a wide 4K export: poster 1280 wide", 3840, 2160, { width: 1280, height: 720 }],
    ["an odd height stays even", 1000, 563, { width: 1000, height: 564 }],
  ])("%s", (_name, w, h, size) => {
    const m = shareCardMetadata({
      shareId: "s",
      title: "T",
      job: job(w, h),
      hasPoster: true,
      origin: "http://h",
    });
    expect(
      (m.openGraph as { images: { width: number; height: number }[] }).images[0],
    ).toMatchObject(size);
  });

  it("without a poster (the cloud makes none) it is a plain summary card, still with the video", () => {
    const m = shareCardMetadata({
      shareId: "s",
      title: "T",
      job: job(null, null),
      hasPoster: false,
      origin: "http://h",
    });
    expect(m.openGraph).not.toHaveProperty("images");
    expect((m.openGraph as { videos: unknown[] }).videos[0]).toEqual({
      url: "http://h/api/share/s/video",
      secureUrl: undefined,
      type: "video/mp4",
    });
    expect(m.twitter).toMatchObject({ card: "summary" });
  });
});
