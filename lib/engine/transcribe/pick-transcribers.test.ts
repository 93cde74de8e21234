import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env-schema";
import { engineConfigFromEnv } from "../engine-config";
import { createTranscribers } from "./pick-transcribers";

// Which engines TRANSCRIBER sets up, and whether whisper may fetch its model on first use.

const whisperOf = (env: Record<string, string>) => {
  const config = engineConfigFromEnv(parseEnv({ DATA_DIR: "/tmp/vso-pick-transcribers", ...env }));
  return createTranscribers(config).find((t) => t.id === "whisper")!;
};

describe("createTranscribers", () => {
  it("auto uses the multilingual whisper model, fetched on first use", () => {
    const w = whisperOf({ TRANSCRIBER: "auto" });
    expect(w.label).toBe("whisper.cpp (base)");
    expect(w.supportsLanguage?.("zh")).toBe(true);
  });

  it.each([
    [{ TRANSCRIBER: "auto" }, true],
    [{ TRANSCRIBER: "whisper" }, true],
    [{ TRANSCRIBER: "auto", TRANSCRIBE_BASE_URL: "http://127.0.0.1:8000/v1" }, false],
  ])("%j: whisper counts as available without a model on disk: %s", async (env, fetches) => {
    // Available = the native module loads and a model is there or may be fetched.
    expect(await whisperOf(env).available()).toBe(fetches);
  });
});
