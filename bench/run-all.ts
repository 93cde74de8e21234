// Runs every benchmark one after another (`npm run bench`), each in its own process so
// one's memory and caches do not colour the next. Each prints its own ratios against a
// baseline measured in the same run; this only sequences them and says which failed.
//   npm run bench               all of them (builds the app first for the upload bench)
//   npm run bench -- render wer only those
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const all = ["wer", "planner-eval", "agent", "render", "queue", "export-storage", "upload"];
const picked = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = picked.filter((p) => !all.includes(p));
if (unknown.length) {
  console.error(`Unknown benchmark: ${unknown.join(", ")}. Choose from: ${all.join(", ")}.`);
  process.exit(2);
}
const run = picked.length ? picked : all;

if (run.includes("upload") && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("== building the app for the upload benchmark");
  const b = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const failed: string[] = [];
for (const name of run) {
  console.log(`\n== bench/${name}.ts`);
  const r = spawnSync("npx", ["tsx", path.join("bench", `${name}.ts`)], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) failed.push(name);
}
console.log(
  failed.length ? `\nBenchmarks that failed to run: ${failed.join(", ")}` : "\nAll benchmarks ran.",
);
process.exit(failed.length ? 1 : 0);
