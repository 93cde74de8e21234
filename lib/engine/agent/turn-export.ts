import { AppError } from "@/lib/errors";
import type { Draft } from "@/lib/draft/schema";
import type { TurnEvent } from "./turn-event";
import type { Op, Target } from "@/lib/plan/schema";
import type { ExportRecord } from "../exports/export-record";
import { pickClips } from "../ops/targets";
import { requireClips } from "../ops/timeline";
import { presetLabel } from "../planner/describe-ops";
import { pump } from "./pump";
import type { Turn } from "./turn";

// The export a turn asked for: started, then its progress relayed into the chat until it
// is done. A closed tab stops the relay, never the export.

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

export interface ExportPart {
  draft: Draft;
  name: string;
}

export async function* runExport(
  t: Turn,
  preset: Extract<Op, { op: "export" }>["preset"],
  parts?: ExportPart[],
): AsyncGenerator<TurnEvent> {
  const { deps, input, words, reply } = t;
  if (!deps.exports)
    throw new AppError("unavailable", "Exporting is not available on this server yet.");
  if (!parts) {
    const job = deps.exports.start(input.sessionId, input.tokenId, { preset, preview: false });
    yield { type: "export", job };
    yield* reply.say(words.exporting(presetLabel(preset)));
    yield* followExport(t, job);
    return;
  }
  // All renders are queued before any is followed, so they all run even if the tab closes.
  const jobs: ExportRecord[] = [];
  let refusal: AppError | null = null;
  for (const part of parts) {
    try {
      jobs.push(
        deps.exports.start(input.sessionId, input.tokenId, { preset, preview: false }, part),
      );
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refusal = err;
      break;
    }
  }
  for (const job of jobs) yield { type: "export", job };
  if (jobs.length > 0) {
    yield* reply.say(
      `Exporting ${jobs.length === 1 ? "1 clip" : `${jobs.length} clips, each on its own,`} ${presetLabel(preset)}: ${jobs.map((j) => j.name).join(", ")}.`,
    );
  }
  if (refusal) {
    if (jobs.length === 0) throw refusal;
    yield* reply.say(`I could not start the rest: ${refusal.message}`);
  }
  for (const job of jobs) yield* followExport(t, job);
}

/** One slice of the timeline per targeted clip, named after the clip. */
export function clipParts(
  draft: Draft,
  target: Target,
  slice: (d: Draft, op: Op) => Draft,
): ExportPart[] {
  const clips = requireClips(draft);
  return pickClips(clips, target).map((i) => {
    const seg = clips[i];
    return {
      draft: slice(draft, { op: "trim", start: seg.st / 1000, end: (seg.st + seg.d) / 1000 }),
      name: seg.name ?? `clip ${i + 1}`,
    };
  });
}

async function* followExport(
  { deps, input, words, reply, startedAt }: Turn,
  job: ExportRecord,
): AsyncGenerator<TurnEvent> {
  const exportsApi = deps.exports!;
  const final = yield* pump<ExportRecord | null>(
    (emit) =>
      new Promise((resolve) => {
        let lastProgress = -1;
        let done = false;
        let unsubscribe = () => {};
        const finish = (j: ExportRecord | null) => {
          if (done) return;
          done = true;
          unsubscribe();
          input.signal?.removeEventListener("abort", onAbort);
          resolve(j);
        };
        const onAbort = () => finish(null);
        unsubscribe = exportsApi.subscribe(job.id, (j) => {
          if (TERMINAL.has(j.status)) return finish(j);
          // Progress events at whole percents only: enough for a bar, not a flood.
          if (Math.floor(j.progress) !== lastProgress) {
            lastProgress = Math.floor(j.progress);
            emit({ type: "export", job: j });
          }
        });
        if (done) return unsubscribe();
        if (input.signal?.aborted) return finish(null);
        input.signal?.addEventListener("abort", onAbort, { once: true });
        // It may have finished before we subscribed.
        const now = exportsApi.get(input.sessionId, job.id);
        if (TERMINAL.has(now.status)) finish(now);
      }),
    { heartbeatMs: deps.heartbeatMs, startedAt },
  );
  if (!final) return; // the visitor left; the export keeps running and shows in the export panel
  yield { type: "export", job: final };
  if (final.status === "completed") {
    const link = final.shareId && input.shareLink ? input.shareLink(final.shareId) : undefined;
    yield* reply.say(
      words.ready(
        final.name ?? undefined,
        final.width ? ` (${final.width}x${final.height})` : "",
        link,
      ),
    );
  } else if (final.status === "failed") {
    throw new AppError(
      "internal",
      final.error ?? "The export failed. Your edits are saved; try exporting again.",
    );
  } else {
    yield* reply.say(
      'The export was cancelled. Your edits are saved; say "export" to start it again.',
    );
  }
}
