import { isLoopbackUrl } from "@/lib/server/backend/nemo/loopback-guard";

// Test support: refuse to run against anything but a loopback NemoVideo URL, so a
// misconfigured run can never spend real credits or burn anonymous tokens.
export function assertLocalNemo(url: string | undefined): string {
  if (!url || !isLoopbackUrl(url)) {
    throw new Error(`Tests refuse to run against a non-local NemoVideo URL (${url ?? "unset"}). Use the fake server (tests/fake-nemo).`);
  }
  return url;
}
