import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env-schema";
import { engineConfigFromEnv } from "../engine-config";
import { EXPORTER, makeTestGguf } from "@/tests/support/engine/make-test-gguf";
import { unloadLlamaModels } from "./llama/llama-runtime";
import { pickPlanner } from "./pick-planner";
import { emptyContext } from "./planner-context";

// PLANNER=auto|rules|llama|openai, read from the same environment the server reads.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-pick-"));
const ctx = emptyContext({ durationSec: 60 });
const settings = (env: Record<string, string>) =>
  engineConfigFromEnv(parseEnv({ DATA_DIR: dataDir, LLAMA_THREADS: "1", ...env }));
const plannerName = async (env: Record<string, string>, request = "put it on youtube") =>
  (await pickPlanner(settings(env), () => {}).plan(request, ctx)).planner;

afterAll(async () => {
  await unloadLlamaModels();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("pickPlanner", () => {
  it("uses the rules when nothing else is set up", async () => {
    expect(await plannerName({})).toBe("rules");
    expect(
      await plannerName({
        PLANNER: "rules",
        LLM_BASE_URL: "http://127.0.0.1:9/v1",
        LLM_MODEL: "m",
      }),
    ).toBe("rules");
  });

  it("refuses PLANNER=openai without an endpoint, with the settings to fix", () => {
    expect(() => pickPlanner(settings({ PLANNER: "openai" }))).toThrow(
      /PLANNER=openai needs LLM_BASE_URL and LLM_MODEL/,
    );
  });

  it("uses the OpenAI-compatible planner in auto mode when LLM_* is set (it falls back to rules when unreachable)", async () => {
    expect(await plannerName({ LLM_BASE_URL: "http://127.0.0.1:9/v1", LLM_MODEL: "m" })).toMatch(
      /^rules \(LLM fallback/,
    );
  });

  it("uses a local model in auto mode only when its file is already there, and never downloads then", async () => {
    const model = path.join(dataDir, "tiny.gguf");
    expect(
      await plannerName({ LLAMA_MODEL: model, LLAMA_MODEL_URL: "http://127.0.0.1:9/tiny.gguf" }),
    ).toBe("rules");
    makeTestGguf(model, EXPORTER);
    expect(await plannerName({ LLAMA_MODEL: model })).toBe("local model (tiny)");
  });

  it("with PLANNER=llama, starts the download on first use and says so", async () => {
    const name = await plannerName({
      PLANNER: "llama",
      LLAMA_MODEL: path.join(dataDir, "later.gguf"),
      LLAMA_MODEL_URL: "http://127.0.0.1:9/later.gguf",
    });
    expect(name).toBe("rules (local model is being downloaded for the first time)");
  });

  it("rejects a malformed checksum setting", () => {
    expect(() => parseEnv({ LLAMA_MODEL_SHA256: "abc" })).toThrow(/LLAMA_MODEL_SHA256/);
    expect(() => parseEnv({ PLANNER: "gpt" })).toThrow(/PLANNER/);
  });
});
