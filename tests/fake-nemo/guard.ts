// Test support: refuse to run against anything but a loopback NemoVideo URL, so a
// misconfigured run can never spend real credits or burn anonymous tokens. No server-only
// imports, so the Playwright config can use it too; the backend makes the same check
// under NODE_ENV=test (lib/server/backend/nemo/loopback-guard.ts).
import { isLoopbackUrl } from "../../lib/config/loopback-url";

export function assertLocalNemo(url: string | undefined): string {
  if (!url || !isLoopbackUrl(url)) {
    throw new Error(
      `Tests refuse to run against a non-local NemoVideo URL (${url ?? "unset"}). Use the fake server (tests/fake-nemo).`,
    );
  }
  return url;
}
