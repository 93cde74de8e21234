// Whether a URL points at this machine (localhost, ::1, 127.x.x.x). Plain TypeScript with
// no imports, so the Playwright config can use it as well as the server: both refuse to
// run tests against a real NemoVideo URL (lib/server/backend/nemo/loopback-guard.ts,
// tests/fake-nemo/guard.ts).
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}
