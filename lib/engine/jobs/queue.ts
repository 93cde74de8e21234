import type { z } from "zod";
import type { PartHandler } from "../render/part-files";
import type { RunParts } from "../render/render-chunked";

export type { PartHandler };
import type { JobRow, NewJob } from "./job-store";

// A queue runs job definitions: an id, a zod payload and a handler. The in-process
// queue is the default; a BullMQ one (QUEUE=bullmq) implements the same interface
// (create-queue.ts picks one; queue-core.ts holds what both share).
// Status always lives in the `jobs` table, which only the web process opens: a BullMQ
// worker (on any machine) runs the definition without a database and reports progress
// and the result through Redis; the web process writes them to the row. A payload that
// fails its schema fails at once, without retry: running it again would fail again.
// Chunked renders hand their parts to the queue too (`parts`): in-process they run here,
// on BullMQ any free worker takes them.

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  /** ratio 0..1, seconds left when known. */
  progress(ratio: number, etaSeconds: number | null): void;
}

export interface JobDefinition<P = unknown> {
  /** The `jobs.kind` this definition runs. */
  kind: string;
  payload: z.ZodType<P>;
  /**
   * How long one run may take, from the payload (a render: in proportion to the output's
   * length). Past it the handler's signal aborts and the job fails with a sentence.
   */
  timeoutMs?(payload: P): number;
  /** Returns where the finished output is (or null). Throw to fail; an abort means cancelled. */
  run(payload: P, ctx: JobContext): Promise<JobResult>;
  /**
   * In the process that owns the `jobs` table, as the row completes: records what the run
   * stored (export files in the bucket). `kept` false: the row had ended otherwise (a
   * cancel won the race), so what the run stored must go.
   */
  accept?(jobId: string, result: JobResult, kept: boolean): void;
}

/** What a run hands back (through Redis from a worker: plain JSON). */
export interface JobResult {
  output: string | null;
  /** Files the run kept on the storage: name, key, size. */
  stored?: { name: string; key: string; size: number }[];
}

/** What a job is persisted with (the job store's row fields). */
export type EnqueueInput = NewJob;

export type JobListener = (job: JobRow) => void;

/** A job that keeps being interrupted is failed after this many runs, not retried forever. */
export const MAX_RESUMES = 3;

export interface Queue {
  define<P>(def: JobDefinition<P>): void;
  /** How one part of a chunked render is made (every process that takes work defines it). */
  defineParts(run: PartHandler): void;
  /** Runs the parts of job `parentId` on this queue's workers (RunParts of render-chunked.ts). */
  parts(parentId: string): RunParts;
  /** Persists the job as pending and schedules it. */
  enqueue(input: EnqueueInput): JobRow;
  /** Pending: cancelled at once. Processing: the handler's signal aborts (ffmpeg is killed). */
  cancel(jobId: string): JobRow | null;
  /** Every change of one job (progress, status). Returns an unsubscribe function. */
  subscribe(jobId: string, listener: JobListener): () => void;
  /** Called once per job when it reaches completed, failed or cancelled. */
  onSettled(listener: JobListener): void;
  /**
   * After a restart: pending jobs run again; jobs that were processing when the process
   * died are failed with `reason` (their output was never renamed into place), except
   * those `resume` accepts (a chunked export keeps its finished chunks): they run again,
   * up to MAX_RESUMES times.
   */
  recover(reason: string, resume?: (job: JobRow) => boolean): JobRow[];
  /** Resolves when nothing is running or waiting (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops taking work and aborts running jobs without settling them (a process exit). */
  close(): void;
  /** Stops taking jobs, lets running ones finish for `graceMs`, then hands the rest back (BullMQ) or aborts them. */
  shutdown(graceMs: number): Promise<void>;
  /** Resolves once the queue can take work (BullMQ: Redis answered and the workers listen). */
  ready(): Promise<void>;
}
