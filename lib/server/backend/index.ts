import "server-only";
import { serverEnv } from "../env";
import { getEngine } from "../engine";
import { createLocalBackend } from "./local";
import { createNemoBackend } from "./nemo";
import type { Backend } from "./types";

// The backend is picked once, from BACKEND.
const g = globalThis as unknown as { __vsoBackend?: Backend };

export function getBackend(): Backend {
  if (!g.__vsoBackend) {
    const env = serverEnv();
    if (env.BACKEND === "nemo") {
      g.__vsoBackend = createNemoBackend(env);
    } else {
      g.__vsoBackend = createLocalBackend(getEngine());
    }
  }
  return g.__vsoBackend;
}

export type { Backend } from "./types";
