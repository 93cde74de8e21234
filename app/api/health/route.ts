// GET /api/health - is the app up, and which backend answers; opens the engine so render
// jobs interrupted by a restart are settled at start-up (scripts/server.mjs calls it)
import { getBackend } from "@/lib/server/backend";
import { serverEnv } from "@/lib/server/env";
import { getEngine } from "@/lib/server/engine";
import { json } from "@/lib/server/http/session-route";
import pkg from "@/package.json";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const env = serverEnv();
  if (env.BACKEND === "local") getEngine();
  return json({ ok: true, backend: getBackend().kind, version: pkg.version });
}
