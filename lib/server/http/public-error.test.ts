import { createParser } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import { FfmpegError, runFfmpeg } from "@/lib/engine/ffmpeg/run-ffmpeg";
import { AppError } from "@/lib/errors";
import type { ChatEvent } from "@/lib/events/schema";
import { useTestServer } from "@/tests/support/test-server";
import { errorResponse } from "./error-response";
import { sseResponse } from "./stream-route";

// Leaks (issue 14, finding 7): ffmpeg's stderr with absolute DATA_DIR paths, internal
// endpoint origins and file paths reached visitors in error answers and chat events.
const { dataDir } = useTestServer({ LLM_BASE_URL: "http://10.20.30.40:11434/v1", LLM_MODEL: "m" });
const source = `${dataDir}/media/ses_abc/med_def/source.mp4`;
const ffmpegFailure = () =>
  new FfmpegError(
    `ffmpeg failed (exit 1): ${source}: Invalid data found when processing input`,
    1,
    `${source}: Invalid data`,
  );

async function events(res: Response): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  const parser = createParser({ onEvent: (e) => out.push(JSON.parse(e.data)) });
  parser.feed(await res.text());
  return out;
}

describe("what a visitor reads of a failure", () => {
  it("an HTTP error answer: a plain sentence and a request id, no ffmpeg words or server paths", async () => {
    const res = errorResponse(ffmpegFailure(), "req-123");
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).not.toContain(dataDir);
    expect(text).not.toMatch(/ffmpeg failed|Invalid data/);
    expect(JSON.parse(text).error).toMatchObject({
      code: "internal",
      requestId: "req-123",
      message: expect.stringMatching(/went wrong on our side.*req-123/),
    });
  });

  it("chat error events, yielded or thrown: internal details replaced, paths and internal origins blanked", async () => {
    async function* turn(): AsyncGenerator<ChatEvent> {
      yield {
        type: "error",
        code: "upstream",
        message: `Could not read ${dataDir}/exports/ses_abc/exp_1/video.mp4 from http://10.20.30.40:11434/v1/chat.`,
      };
      yield { type: "error", code: "internal", message: `whisper crashed on ${source}` };
      throw ffmpegFailure();
    }
    const out = await events(sseResponse(turn(), "req-456"));
    const text = JSON.stringify(out);
    expect(text).not.toContain(dataDir);
    expect(text).not.toContain("10.20.30.40");
    expect(text).not.toMatch(/ffmpeg failed|whisper crashed|Invalid data/);
    expect(
      out.filter((e) => e.type === "error").map((e) => (e as { message: string }).message),
    ).toEqual([
      "Could not read [server] from [server].",
      expect.stringMatching(/went wrong on our side.*req-456/),
      expect.stringMatching(/went wrong on our side.*req-456/),
    ]);
  });

  it("a media tool that cannot start is named, not its path", async () => {
    const err = await runFfmpeg(["-version"], { bin: `${dataDir}/tools/ffmpeg` }).then(
      () => null,
      (e: AppError) => e,
    );
    expect(err?.message).toMatch(/^ffmpeg is not installed/);
    expect(err?.message).not.toContain(dataDir);
  });
});
