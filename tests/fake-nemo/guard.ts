// Test support: refuse to run against anything but a loopback NemoVideo URL, so a
// misconfigured run can never spend real credits or burn anonymous tokens. Standalone
// (no server-only imports) so the Playwright config can use it too; the backend has its
// own copy of the check for NODE_ENV=test (lib/server/backend/nemo/loopback-guard.ts).

export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

export function assertLocalNemo(url: string | undefined): string {
  if (!url || !isLoopback(url)) {
    throw new Error(`Tests refuse to run against a non-local NemoVideo URL (${url ?? "unset"}). Use the fake server (tests/fake-nemo).`);
  }
  return url;
}
