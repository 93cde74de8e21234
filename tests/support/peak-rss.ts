import fs from "node:fs";

// Peak memory of the ffmpeg processes below a process, sampled from /proc: the sum of
// their resident sets at each sample (what the machine must hold at once) and the
// largest single peak (VmHWM, the kernel's own high-water mark, exact per process).

export interface RssWatch {
  stop(): { peakSumMb: number; peakProcessMb: number; processes: number };
}

function children(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  return kids;
}

function descendants(root: number): number[] {
  const kids = children();
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of kids.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

function statusOf(pid: number): { name: string; rssKb: number; hwmKb: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
    return { name: /Name:\s+(\S+)/.exec(s)?.[1] ?? "", rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
  } catch {
    return null;
  }
}

/** Samples every `everyMs` the ffmpeg processes under `roots` (default: this process). */
export function watchFfmpegRss(roots: number[] = [process.pid], everyMs = 50): RssWatch {
  let peakSum = 0;
  const hwm = new Map<number, number>();
  const sample = () => {
    let sum = 0;
    for (const pid of roots.flatMap(descendants)) {
      const st = statusOf(pid);
      if (!st || st.name !== "ffmpeg") continue;
      sum += st.rssKb;
      hwm.set(pid, Math.max(hwm.get(pid) ?? 0, st.hwmKb));
    }
    peakSum = Math.max(peakSum, sum);
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return {
        peakSumMb: peakSum / 1024,
        peakProcessMb: Math.max(0, ...hwm.values()) / 1024,
        processes: hwm.size,
      };
    },
  };
}

/** Resident set of one process now, MB. */
export function rssMb(pid: number): number {
  return (statusOf(pid)?.rssKb ?? 0) / 1024;
}

/** ffmpeg processes running below this process now. */
export function ffmpegChildren(root = process.pid): number[] {
  return descendants(root).filter((pid) => statusOf(pid)?.name === "ffmpeg");
}
