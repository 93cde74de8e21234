import "server-only";
import { AppError } from "@/lib/errors";
import type { ServerEnv } from "../../env";
import type { Backend } from "../types";

// Filled in by the NemoVideo work (issue 7).
export function createNemoBackend(_env: ServerEnv): Backend {
  throw new AppError("unavailable", "The NemoVideo backend is not available in this build yet.");
}
