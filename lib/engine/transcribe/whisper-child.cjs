// Runs one whisper.cpp transcription in its own process. whisper.cpp aborts the whole
// process on a damaged model (GGML_ASSERT), so it must never run inside the web server:
// the parent forks this file, sends one job over IPC and reads back progress and the
// token segments. Plain CommonJS so Node runs it as is, under Next.js, tsx and Vitest.
"use strict";

const path = require("node:path");
const { createRequire } = require("node:module");

process.once("message", async (job) => {
  try {
    const req = createRequire(path.join(job.cwd, "package.json"));
    const binding = req(job.packageName);
    const ctx = new binding.WhisperContext({ filePath: job.modelPath, useGpu: false });
    const run = ctx.transcribeFile(job.wavPath, {
      ...job.options,
      onProgress: (p) => process.send({ type: "progress", ratio: Math.min(1, p / 100) }),
    });
    const result = await run.promise;
    await ctx.release();
    process.send({ type: "done", result }, () => process.exit(0));
  } catch (err) {
    process.send({ type: "error", message: err instanceof Error ? err.message : String(err) }, () =>
      process.exit(1),
    );
  }
});
