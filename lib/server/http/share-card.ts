import "server-only";
import type { Metadata } from "next";
import type { ExportJob } from "@/lib/export/schema";
import { sharePageUrl } from "../links";
import { POSTER_MAX_WIDTH } from "@/lib/engine/exports/export-poster";

// The Open Graph and Twitter card tags of a share page, so a link pasted in a chat app or
// on a social site shows the title and poster and can play the video in place. Crawlers
// need absolute URLs, so every link is made from the public origin.

export interface ShareCardInput {
  shareId: string;
  title: string;
  job: ExportJob;
  hasPoster: boolean;
  /** "https://host", from PUBLIC_URL or the request. */
  origin: string;
}

export function shareCardMetadata({
  shareId,
  title,
  job,
  hasPoster,
  origin,
}: ShareCardInput): Metadata {
  const base = `${origin}/api/share/${encodeURIComponent(shareId)}`;
  const page = sharePageUrl(shareId, origin);
  const video = `${base}/video`;
  const size = job.width && job.height ? { width: job.width, height: job.height } : {};
  const description =
    job.width && job.height
      ? `A ${job.width}x${job.height} video made with Video Skill Online.`
      : "A video made with Video Skill Online.";
  const poster = hasPoster
    ? { url: `${base}/poster`, alt: title, type: "image/jpeg", ...posterSize(job) }
    : null;
  return {
    title: `${title} - Video Skill Online`,
    description,
    robots: { index: false },
    alternates: { canonical: page },
    openGraph: {
      type: "video.other",
      siteName: "Video Skill Online",
      title,
      description,
      url: page,
      ...(poster ? { images: [poster] } : {}),
      videos: [
        {
          url: video,
          secureUrl: video.startsWith("https:") ? video : undefined,
          type: "video/mp4",
          ...size,
        },
      ],
    },
    twitter: {
      card: poster ? "summary_large_image" : "summary",
      title,
      description,
      ...(poster ? { images: [{ url: poster.url, alt: title }] } : {}),
    },
  };
}

/** The poster is the video's frame scaled to at most POSTER_MAX_WIDTH wide, even height. */
function posterSize(job: ExportJob): { width?: number; height?: number } {
  if (!job.width || !job.height) return {};
  const width = Math.min(POSTER_MAX_WIDTH, job.width);
  return { width, height: 2 * Math.round((job.height * width) / job.width / 2) };
}
