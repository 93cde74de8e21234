import type { Browser, Page } from "@playwright/test";

export interface SharedPlayback {
  /** Cookies the fresh context had: a share link needs none. */
  cookies: number;
  /** Seconds played, the video's width, and the media error code (null when none). */
  time: number;
  width: number;
  error: number | null;
}

/**
 * Opens a share link the way a stranger would (a fresh browser context, no cookies),
 * plays the video muted for `playMs` and reports what played. `onPage` runs before the
 * context closes (a screenshot, say).
 */
export async function playShareLink(
  browser: Browser,
  shareUrl: string,
  playMs: number,
  onPage?: (page: Page) => Promise<unknown>,
): Promise<SharedPlayback> {
  const stranger = await browser.newContext();
  try {
    const cookies = (await stranger.cookies()).length;
    const visitor = await stranger.newPage();
    await visitor.goto(shareUrl);
    const video = visitor.locator("video");
    await video.waitFor({ state: "visible" });
    const played = await video.evaluate(async (el: HTMLVideoElement, ms: number) => {
      el.muted = true;
      await el.play();
      await new Promise((r) => setTimeout(r, ms));
      return { time: el.currentTime, width: el.videoWidth, error: el.error?.code ?? null };
    }, playMs);
    await onPage?.(visitor);
    return { cookies, ...played };
  } finally {
    await stranger.close();
  }
}
