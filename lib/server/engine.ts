import "server-only";
import { createEngine, type Engine } from "@/lib/engine/create-engine";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { serverEnv } from "./env";

// One engine per server process; kept on globalThis so dev-mode reloads reuse it
// instead of opening the database (and the render queue) again.
const g = globalThis as unknown as { __vsoEngine?: Engine };

export function getEngine(): Engine {
  g.__vsoEngine ??= createEngine(engineConfigFromEnv(serverEnv()));
  return g.__vsoEngine;
}
