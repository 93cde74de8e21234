// Runs once when the server starts: refuse to run with bad settings, with a clear
// message. (The engine itself is opened by the first request, which scripts/server.mjs
// makes at start-up via /api/health, so it loads in the same bundle as the routes.)
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("./lib/server/env");
  try {
    serverEnv();
  } catch (err) {
    console.error(`\nVideo Skill Online cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
