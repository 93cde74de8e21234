import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SourceRef } from "../media/source-objects";
import type { Storage } from "../storage/storage";
import { escapeFilterValue } from "./escape-filter";
import { renderPart, type PartTask } from "./render-chunked";

// One part of a chunked render made on whichever machine takes it: the tokens in its
// arguments become this machine's paths (each source where this disk has it, or a copy
// from the storage; the caption file written to the scratch folder), ffmpeg renders into
// the scratch folder, and the finished part is put on the part storage (the bucket with
// STORAGE=s3), where the machine joining the export finds it. A part already stored (a
// retry after its worker died just after the upload) is not rendered again.

/** Stands for source n of the part (a whole argument: ffmpeg's `-i`). */
export const SOURCE_TOKEN = (n: number) => `@@source:${n}@@`;
/** Stands for the caption file (inside the filtergraph; no character that escaping changes). */
export const ASS_TOKEN = "@@ass@@";

/** Makes one part and keeps it on the part storage. */
export type PartHandler = (
  part: PartTask,
  signal: AbortSignal,
  progress: (ratio: number) => void,
) => Promise<void>;

export interface MakePartDeps {
  store: Storage;
  /** This machine's folder for the part while it renders. */
  scratch: string;
  ffmpegPath?: string;
  signal: AbortSignal;
  onProgress?: (ratio: number) => void;
  /** Where ffmpeg reads a source here (default: the path as given). */
  localSource?: (source: SourceRef) => Promise<string>;
}

export async function makePart(part: PartTask, deps: MakePartDeps): Promise<void> {
  if (await deps.store.stat(part.object)) return;
  await fs.promises.mkdir(deps.scratch, { recursive: true });
  await sweepScratch(deps.scratch);
  const local = await Promise.all(
    part.sources.map((s) => (deps.localSource ? deps.localSource(s) : Promise.resolve(s.path))),
  );
  let assFile: string | null = null;
  if (part.ass !== null && part.args.some((a) => a.includes(ASS_TOKEN))) {
    assFile = path.join(deps.scratch, `text-${hash(part.ass)}.${scratchTag()}.ass`);
    await fs.promises.writeFile(assFile, part.ass);
  }
  const file = path.join(deps.scratch, `${part.name}-${part.key}.${scratchTag()}.mp4`);
  try {
    await renderPart(
      { file, args: resolvePartArgs(part.args, local, assFile), durationMs: part.durationMs },
      { ffmpegPath: deps.ffmpegPath, signal: deps.signal, onProgress: deps.onProgress },
    );
    await deps.store.putFile(part.object, file, "video/mp4");
  } finally {
    await fs.promises.rm(file, { force: true });
    if (assFile) await fs.promises.rm(assFile, { force: true });
  }
}

/** A part's arguments with this machine's paths in place of the tokens. */
export function resolvePartArgs(
  args: string[],
  sources: string[],
  assFile: string | null,
): string[] {
  return args.map((a) => {
    const m = /^@@source:(\d+)@@$/.exec(a);
    if (m) {
      const file = sources[Number(m[1])];
      if (file === undefined) throw new Error(`part names source ${m[1]}, which it does not carry`);
      return file;
    }
    if (!a.includes(ASS_TOKEN)) return a;
    if (!assFile) throw new Error("part uses a caption file it does not carry");
    // The builder escaped the token the way it escapes a path; the token has nothing to escape.
    return a.split(ASS_TOKEN).join(escapeFilterValue(assFile));
  });
}

/**
 * Marks a file of this process in a scratch folder, ".<pid>-<random>.": a process killed
 * mid-part (a crash, a restart, a stopped worker) leaves its files behind, and the next
 * part made in the folder removes those of processes no longer running (sweepScratch).
 */
export const scratchTag = () => `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

/** Removes the files a dead process left in `dir` (marked by scratchTag); others' stay. */
export async function sweepScratch(dir: string): Promise<void> {
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const m = /\.(\d+)-[a-z0-9]+\./.exec(name);
      if (!m || pidAlive(Number(m[1]))) return;
      await fs.promises.rm(path.join(dir, name), { force: true });
    }),
  );
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);
