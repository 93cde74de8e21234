import { execFileSync } from "node:child_process";
import { Queue as BullQueue } from "bullmq";
import fs from "node:fs";
import path from "node:path";
import { addMedia, setDraft, visitor, type TestEngine } from "@/tests/support/engine/test-engine";
import { makeDraft } from "@/tests/support/engine/test-drafts";
import { recordFor } from "@/tests/support/engine/test-records";
import { makeClip } from "./make-media";

// Test support for chunked exports: a project whose timeline is `pieces` one-second
// pieces of a generated clip (a chunk is a run of whole pieces, so RENDER_CHUNK_SECONDS=1
// gives one chunk per piece), and the finished parts of a session's chunked exports
// waiting for their join (STORAGE=disk: in DATA_DIR/storage/chunks/<sessionId>/).

export const PIECE_MS = 1000;

export function chunkedProject(
  engine: TestEngine,
  pieces: number,
  size = { width: 640, height: 360 },
) {
  const v = visitor(engine);
  const clip = recordFor(
    makeClip({
      seconds: pieces + 1,
      ...size,
      fps: 25,
      name: `chunked-${pieces}-${size.width}.mp4`,
    }),
    "video",
    `med_${Math.random().toString(36).slice(2)}`,
  );
  addMedia(engine, v.sessionId, clip);
  setPiecesDraft(engine, v.sessionId, clip.id, pieces);
  return v;
}

/** The session's timeline: `pieces` one-second pieces of `mediaId`, one caption across the joins. */
export function setPiecesDraft(
  engine: TestEngine,
  sessionId: string,
  mediaId: string,
  pieces: number,
): void {
  const video = Array.from({ length: pieces }, (_, k) => ({
    src: mediaId,
    in: k * PIECE_MS,
    out: (k + 1) * PIECE_MS,
  }));
  setDraft(
    engine,
    sessionId,
    makeDraft({
      video,
      text: [{ text: "Across the joins", kind: "caption", st: 500, d: pieces * PIECE_MS - 1000 }],
    }),
  );
}

export function chunkFiles(dataDir: string, sessionId: string): string[] {
  const dir = path.join(dataDir, "storage", "chunks", sessionId);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".mp4")) : [];
}

export interface PartJob {
  /** "audio", "video-0003" */
  name: string;
  state: string;
  /** Runs started (a stalled part run again counts twice). */
  runs: number;
  /** The worker that took it last (its runner id, "host:pid:instance"). */
  by: string | null;
  failedReason: string | null;
}

/** The BullMQ jobs of an export's parts (QUEUE=bullmq), read straight from Redis. */
export async function partJobs(
  redisUrl: string,
  exportId: string,
  prefix = "vso",
): Promise<PartJob[]> {
  const queue = new BullQueue(`${prefix}-chunk`, { connection: { url: redisUrl } as never });
  try {
    const jobs = await queue.getJobs(["waiting", "active", "completed", "failed", "delayed"]);
    const mine = jobs.filter((j) => j?.id?.startsWith(`part-${exportId}-`));
    return Promise.all(
      mine.map(async (j) => ({
        name: j.id!.slice(`part-${exportId}-`.length).replace(/-[0-9a-f]{16}$/, ""),
        state: await j.getState(),
        runs: j.attemptsStarted,
        by: j.processedBy ?? null,
        failedReason: j.failedReason ?? null,
      })),
    ).then((list) => list.sort((a, b) => a.name.localeCompare(b.name)));
  } finally {
    await queue.close();
  }
}

/** Decoded video frames and audio samples (48 kHz) of a file. */
export function countFrames(file: string): { frames: number; samples: number } {
  const frames = Number(
    execFileSync(
      "ffprobe",
      [
        "-v",
        "error",
        "-select_streams",
        "v",
        "-count_frames",
        "-show_entries",
        "stream=nb_read_frames",
        "-of",
        "csv=p=0",
        file,
      ],
      { encoding: "utf8" },
    ).trim(),
  );
  const pcm = execFileSync(
    "ffmpeg",
    ["-v", "error", "-i", file, "-map", "0:a:0", "-f", "s16le", "-ac", "1", "-ar", "48000", "-"],
    { maxBuffer: 1 << 28 },
  );
  return { frames, samples: pcm.length / 2 };
}
