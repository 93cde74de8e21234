import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// End-to-end tests drive Debian's Chromium against the production build on a test port,
// with a throwaway data folder. Playwright never downloads a browser here.
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `vso-e2e-${process.pid}`);
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "tests/e2e",
  // The NemoVideo story runs under playwright.nemo.config.ts, against the fake cloud.
  testIgnore: /nemo-story\.spec\.ts$/,
  outputDir: "test-results",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "node scripts/server.mjs",
    port,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      SESSION_PASSWORD: "e2e-session-password-that-is-long-enough-1234",
      BACKEND: process.env.E2E_BACKEND ?? "local",
      TOKEN_RATE_LIMIT: "1000",
      TRANSCRIBER: process.env.TRANSCRIBER ?? "auto",
      // auto fetches the whisper model on first use: tests never download, so it comes from a
      // port where nothing listens and the captions fall back to pocketsphinx (the offline path).
      WHISPER_MODEL_URL: process.env.WHISPER_MODEL_URL ?? "http://127.0.0.1:9/ggml-base.bin",
      ALLOW_PRIVATE_URL_IMPORTS: "true",
      // Low enough to send a file over it in a test (uploads.spec.ts); every clip used is far smaller.
      MAX_UPLOAD_MB: "20",
      // Resumable uploads in 1 MB requests, so resumable-upload.spec.ts can cut in between them.
      UPLOAD_CHUNK_MB: "1",
    },
  },
});
