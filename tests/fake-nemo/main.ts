// Runs the fake NemoVideo server on its own (Playwright's nemo project starts it):
//   npx tsx tests/fake-nemo/main.ts   (FAKE_NEMO_PORT, default 3301)
import { startFakeNemo } from "./server";

async function main(): Promise<void> {
  const fake = await startFakeNemo({ port: Number(process.env.FAKE_NEMO_PORT ?? 3301) });
  console.log(`Fake NemoVideo listening on ${fake.url}`);
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.on(sig, () => void fake.close().then(() => process.exit(0)));
}

void main();
