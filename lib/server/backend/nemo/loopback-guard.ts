import "server-only";
import { isLoopbackUrl } from "@/lib/config/loopback-url";

// Tests must never reach the real NemoVideo service (it charges credits and rate-limits
// tokens): under NODE_ENV=test the nemo backend refuses any base URL but loopback.

export function assertLoopbackInTests(url: string, nodeEnv: string | undefined): void {
  if (nodeEnv === "test" && !isLoopbackUrl(url)) {
    throw new Error(
      `Refusing to run tests against a non-local NemoVideo URL (${url}): point NEMO_BASE_URL at the fake server.`,
    );
  }
}
