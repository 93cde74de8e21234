import crypto from "node:crypto";
import os from "node:os";

// Who runs a job: "host:pid:instance". Several processes may open the same data folder
// (the web app, the CLI), so a restarting in-process queue only fails the jobs whose
// runner is really gone: another host's or a dead process's, or a closed queue of this
// process (tests "restart" an engine in one process). BullMQ workers (any host) name
// themselves with it too, but whether they still run a job is Redis's to say (its lock),
// never runnerAlive.

const g = globalThis as unknown as { __vsoLiveRunners?: Set<string> };
const live = (g.__vsoLiveRunners ??= new Set<string>());

export function newRunner(): string {
  const id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  live.add(id);
  return id;
}

export function retireRunner(id: string): void {
  live.delete(id);
}

export function runnerAlive(runner: string | null): boolean {
  if (!runner) return false;
  const [host, pidText] = runner.split(":");
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid)) return false;
  if (pid === process.pid) return live.has(runner);
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}
