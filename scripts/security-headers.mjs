// Response headers every answer of the public server (scripts/server.mjs) carries:
//  - Content-Security-Policy: scripts, styles and connections from this origin only, and
//    `frame-ancestors 'none'` so no other site can frame the studio (clickjacking);
//  - Strict-Transport-Security when PUBLIC_URL is https (the site is served over TLS);
//  - nosniff, no referrer to other origins, no framing for old browsers.
// Media may come from the bucket (STORAGE=s3 presigned links) or the cloud's CDN
// (BACKEND=nemo), so img/media sources allow those. Next.js injects inline scripts for
// hydration, hence 'unsafe-inline' for scripts; dev mode also needs eval and websockets.

const originOf = (url) => {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
};

export function securityHeaders(env = process.env, { dev = false } = {}) {
  const media = ["'self'", "blob:", "data:"];
  const bucket = env.STORAGE === "s3" ? originOf(env.S3_ENDPOINT) : null;
  if (bucket) media.push(bucket);
  if (env.BACKEND === "nemo") {
    // The cloud's CDN (https) and the cloud API's own origin, which may serve media itself.
    media.push("https:");
    const cloud = originOf(env.NEMO_BASE_URL);
    if (cloud && !cloud.startsWith("https:")) media.push(cloud);
  }
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${media.join(" ")}`,
    `media-src ${media.join(" ")}`,
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = {
    "content-security-policy": csp,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  };
  if (originOf(env.PUBLIC_URL)?.startsWith("https:"))
    headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** Sets the headers on a response before the app writes it (the app may still override them). */
export function applySecurityHeaders(res, headers) {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
