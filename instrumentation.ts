// Runs once when the server starts: refuse to run with bad settings, with a clear
// message; then open the engine so render jobs interrupted by a restart are settled
// (re-queued or failed with a reason) right away, not at the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("./lib/server/env");
  let env;
  try {
    env = serverEnv();
  } catch (err) {
    console.error(`\nVideo Skill Online cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  if (env.BACKEND === "local") {
    const { getEngine } = await import("./lib/server/engine");
    getEngine();
  }
}
