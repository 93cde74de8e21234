import "server-only";
import { createEngine, type Engine } from "@/lib/engine/create-engine";
import { engineConfigFromEnv } from "@/lib/engine/engine-config";
import { serverEnv } from "./env";

// One engine per server process; kept on globalThis so dev-mode reloads reuse it
// instead of opening the database (and the render queue) again.
const g = globalThis as unknown as { __vsoEngine?: Engine };

export function getEngine(): Engine {
  if (!g.__vsoEngine) {
    g.__vsoEngine = createEngine(engineConfigFromEnv(serverEnv()));
    startRetention(g.__vsoEngine);
  }
  return g.__vsoEngine;
}

const HOUR_MS = 3_600_000;

/** Expired visitors' projects and old previews go at start and then hourly (never keeps the process alive). */
function startRetention(engine: Engine): void {
  const sweep = () =>
    engine.retention
      .sweep()
      .then((r) => {
        if (r.projects || r.previews)
          console.log(
            `[retention] removed ${r.projects} project(s) of ${r.tokens} expired token(s), ${r.previews} old preview(s)`,
          );
      })
      .catch((err) => console.error("[retention] sweep failed", err));
  setTimeout(sweep, 5_000).unref();
  setInterval(sweep, HOUR_MS).unref();
}
