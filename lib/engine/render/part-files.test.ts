import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scratchTag, sweepScratch } from "./part-files";

describe("sweepScratch", () => {
  it("removes what a dead process left in the scratch folder, and nothing else", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-sweep-"));
    // A process that has ended: its pid is free (the kernel does not hand it out again at once).
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"])
      .stdout.toString()
      .trim();
    const left = [
      `video-0003-0123456789abcdef.${dead}-k2j4h1.mp4`,
      `video-0003-0123456789abcdef.${dead}-k2j4h1.mp4.${dead}-9x8y7z.part`,
      `video-0003-0123456789abcdef.${dead}-k2j4h1.mp4.${dead}-9x8y7z.part.graph`,
      `text-fedcba9876543210.${dead}-a1b2c3.ass`,
    ];
    const mine = `audio-0123456789abcdef.${scratchTag()}.mp4`;
    // Finished parts (the disk part storage shares the folder) and the join's list stay.
    const kept = ["video-0001-0123456789abcdef.mp4", "join-0123456789abcdef.ffconcat", mine];
    for (const name of [...left, ...kept]) fs.writeFileSync(path.join(dir, name), "x");
    await sweepScratch(dir);
    expect(fs.readdirSync(dir).sort()).toEqual([...kept].sort());
    await sweepScratch(path.join(dir, "not-there")); // a folder not made yet is no error
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
