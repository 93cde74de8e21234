import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

// `npm run worker` (scripts/worker.ts) as a child process for tests, in its own process
// group so killing it takes its ffmpeg along. Every worker started is killed when the
// test process exits, even after a failure midway; killAllWorkers() for afterAll.

const root = path.resolve(__dirname, "../..");
const started = new Set<ChildProcess>();

/** SIGKILL to the worker and everything it started (its ffmpeg). */
export function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
}

export function killAllWorkers(): void {
  for (const c of started) killGroup(c);
  started.clear();
}

process.once("exit", killAllWorkers);

export type WorkerProcess = ChildProcess & { output(): string };

/** Starts a worker with `env` on top of this process's; resolves once it says it is ready. */
export async function startWorkerProcess(
  env: Record<string, string>,
  args: string[] = [],
): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts/worker.ts"), ...args],
    {
      cwd: root,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  started.add(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(
      () => out.includes("worker ready") && (clearInterval(timer), resolve()),
      20,
    );
    child.once(
      "exit",
      (code) => (clearInterval(timer), reject(new Error(`worker exited early (${code}): ${out}`))),
    );
  });
  return Object.assign(child, { output: () => out });
}
