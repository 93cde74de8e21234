// Runs once when the server starts: refuse to run with bad settings, with a clear
// message. (The engine itself is opened by the first request, which scripts/server.mjs
// makes at start-up via /api/health, so it loads in the same bundle as the routes.)
export async function register() {
  // The condition must stay in this form: it is replaced at build time, so the edge
  // bundle drops the import (an early return would leave node:crypto in it, and `next dev`
  // fails to compile).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { serverEnv } = await import("./lib/server/env");
    try {
      serverEnv();
    } catch (err) {
      console.error(`\nVideo Skill Online cannot start: ${(err as Error).message}\n`);
      process.exit(1);
    }
  }
}
