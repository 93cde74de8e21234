import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import { assertLocalNemo } from "./tests/fake-nemo/guard";

// The studio's main story with BACKEND=nemo, against the fake NemoVideo server
// (tests/fake-nemo): its own ports (app 3300, fake 3301) and data folder, so it never
// touches the real cloud. Needs a production build (next build) like the default run.
const port = Number(process.env.E2E_NEMO_PORT ?? 3300);
const fakePort = Number(process.env.FAKE_NEMO_PORT ?? 3301);
const nemoUrl = assertLocalNemo(`http://127.0.0.1:${fakePort}`);
const dataDir =
  process.env.E2E_NEMO_DATA_DIR ?? path.join(os.tmpdir(), `vso-e2e-nemo-${process.pid}`);
process.env.E2E_NEMO_DATA_DIR = dataDir;
process.env.E2E_NEMO_CONTROL = `${nemoUrl}/__control`; // the spec scripts the fake through this
process.env.VSO_E2E_BACKEND = "nemo";

export default defineConfig({
  ...base,
  testMatch: /nemo-story\.spec\.ts$/,
  testIgnore: [],
  outputDir: "test-results/nemo",
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report/nemo" }]],
  use: { ...base.use, baseURL: `http://localhost:${port}` },
  webServer: [
    {
      command: "npx tsx tests/fake-nemo/main.ts",
      port: fakePort,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { FAKE_NEMO_PORT: String(fakePort) },
    },
    {
      command: "node scripts/server.mjs",
      port,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(port),
        NODE_ENV: "production",
        DATA_DIR: dataDir,
        SESSION_PASSWORD: "e2e-nemo-session-password-that-is-long-enough",
        BACKEND: "nemo",
        NEMO_BASE_URL: nemoUrl,
        NEMO_POLL_MS: "1000",
        NEMO_SKILL_PLATFORM: "e2e",
      },
    },
  ],
});
