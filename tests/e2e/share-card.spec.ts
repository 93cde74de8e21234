import { expect, request, test } from "@playwright/test";
import { makeClip } from "../support/make-media";
import { StudioPage } from "./pages/studio-page";

// A share link pasted in a chat app or on a social site: the crawler fetches /s/<id>
// without any cookie and reads the Open Graph and Twitter card tags. Every URL in them
// must be absolute and answer 200 with the right type; the app's icons and manifest too.

/** <meta property|name="key" content="value"> pairs, in page order. */
function metaTags(html: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of html.matchAll(/<meta\s+([^>]*?)\/?>/g)) {
    const attrs = Object.fromEntries(
      [...m[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2].replace(/&amp;/g, "&")]),
    );
    const key = attrs.property ?? attrs.name;
    if (key && attrs.content !== undefined) out.push([key, attrs.content]);
  }
  return out;
}

test("a share link unfurls: card tags with absolute URLs that answer, a poster, icons and a manifest", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const clip = makeClip({ seconds: 3, width: 320, height: 240, name: "card-clip.mp4" });
  const studio = new StudioPage(page);
  await studio.openWith([clip]);
  await studio.addAllToTimeline();
  await expect(studio.segments("video")).toHaveCount(1);
  await studio.startExport("youtube");
  const item = await studio.waitForExport("completed");
  const shareUrl = await studio.shareUrl(item);

  // A crawler: no cookie, no browser.
  const crawler = await request.newContext();
  try {
    const res = await crawler.get(shareUrl);
    expect(res.status()).toBe(200);
    const tags = metaTags(await res.text());
    const one = (key: string) => {
      const hit = tags.find(([k]) => k === key);
      expect(hit, `meta ${key}`).toBeDefined();
      return hit![1];
    };
    expect(one("og:title")).toBe(one("twitter:title"));
    expect(one("og:type")).toBe("video.other");
    expect(one("og:url")).toBe(shareUrl);
    expect(one("og:video:type")).toBe("video/mp4");
    expect([one("og:video:width"), one("og:video:height")]).toEqual(["1920", "1080"]);
    expect(one("twitter:card")).toBe("summary_large_image");
    expect(Number(one("og:image:width"))).toBeGreaterThan(0);

    const origin = new URL(baseURL!).origin;
    const expected: Record<string, RegExp> = {
      "og:image": /^image\/jpeg/,
      "twitter:image": /^image\/jpeg/,
      "og:video": /^video\/mp4/,
    };
    for (const [key, type] of Object.entries(expected)) {
      const url = one(key);
      expect(url, key).toMatch(/^https?:\/\//);
      expect(new URL(url).origin).toBe(origin);
      const file = await crawler.get(url);
      expect(file.status(), `${key} ${url}`).toBe(200);
      expect(file.headers()["content-type"]).toMatch(type);
      expect((await file.body()).length).toBeGreaterThan(1000);
    }

    // The page itself names the icons and the manifest, and they are there.
    const html = await (await crawler.get(shareUrl)).text();
    for (const href of [
      "/favicon.ico",
      "/icon.svg",
      "/apple-touch-icon.png",
      "/manifest.webmanifest",
    ]) {
      expect(html).toContain(`href="${href}`);
    }
    for (const [path, type] of [
      ["/favicon.ico", /image\/(x-icon|vnd\.microsoft\.icon)/],
      ["/icon.svg", /image\/svg\+xml/],
      ["/icon-192.png", /image\/png/],
      ["/icon-512.png", /image\/png/],
      ["/apple-touch-icon.png", /image\/png/],
      ["/manifest.webmanifest", /application\/manifest\+json|application\/json/],
    ] as const) {
      const r = await crawler.get(`${origin}${path}`);
      expect(r.status(), path).toBe(200);
      expect(r.headers()["content-type"], path).toMatch(type);
    }
    const manifest = await (await crawler.get(`${origin}/manifest.webmanifest`)).json();
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
      expect.arrayContaining(["192x192", "512x512"]),
    );
  } finally {
    await crawler.dispose();
  }
});
