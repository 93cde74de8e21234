import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

// The CLI's `plan` command prints exactly { intent, ops, reply } as JSON, seconds as numbers.
const run = promisify(execFile);
const root = path.resolve(__dirname, "..");
const vso = (...args: string[]) =>
  run(path.join(root, "node_modules/.bin/tsx"), ["scripts/vso.ts", ...args], { cwd: root });

describe("vso plan", () => {
  it("prints the plan for the product's example", async () => {
    const { stdout } = await vso("plan", "trim the intro, add captions, and export for YouTube");
    const plan = JSON.parse(stdout);
    expect(Object.keys(plan)).toEqual(["intent", "ops", "reply"]);
    expect(plan.intent).toBe("edit");
    expect(plan.ops).toEqual([
      { op: "trim", start: "intro" },
      { op: "captions" },
      { op: "export", preset: "youtube" },
    ]);
  });

  it("uses --duration for times counted from the end", async () => {
    const { stdout } = await vso("plan", "cut the last 3 s", "--duration", "30");
    expect(JSON.parse(stdout).ops).toEqual([{ op: "trim", end: 27 }]);
  });

  it("says what goes and stays, and offers both readings when unsure", async () => {
    const cut = JSON.parse(
      (
        await vso(
          "plan",
          "the part from 2:10 to 2:18 where the dog barks, get rid of it",
          "--duration",
          "180",
        )
      ).stdout,
    );
    expect(cut.ops).toEqual([{ op: "cut", from: 130, to: 138 }]);
    expect(cut.reply).toMatch(/2:10-2:18 \(8 s\) goes.*the video will be 2:52/);
    const ask = JSON.parse((await vso("plan", "trim 2:10-2:18", "--duration", "180")).stdout);
    expect(ask).toEqual({
      intent: "clarify",
      ops: [],
      reply: expect.stringMatching(/or keep only 2:10-2:18\?/),
      choices: ["remove 2:10-2:18", "keep only 2:10-2:18"],
    });
  });

  it("reworks a previous plan given with --last", async () => {
    const last = JSON.stringify({ intent: "edit", ops: [{ op: "trim", start: 5 }], reply: "" });
    const { stdout } = await vso("plan", "actually make it 10 seconds", "--last", last);
    expect(JSON.parse(stdout)).toMatchObject({
      intent: "edit",
      ops: [{ op: "trim", start: 10 }],
      revise: true,
    });
  });

  it.each([
    [["plan"], /say what to do/],
    [["plan", "trim", "--duration", "soon"], /--duration must be a number/],
    [["edit", "missing.mp4", "trim the intro", "-o", "out.mp4"], /does not exist/],
    [["dance"], /Usage/],
  ])("explains bad usage %j and exits 1", async (args, message) => {
    const err = await vso(...args).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(message);
  });
});

describe("vso edit", () => {
  it("imports a local file larger than MAX_UPLOAD_MB (nothing is uploaded) and renders it", async () => {
    const { makeClip } = await import("@/tests/support/make-media");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const clip = makeClip({ seconds: 2, name: "cli-bigger-than-limit.mp4" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-cli-test-"));
    const out = path.join(dir, "out.mp4");
    // The limit is far below the clip's size: an upload would be refused with 4002.
    expect(fs.statSync(clip).size).toBeGreaterThan(0.01 * 1024 * 1024);
    const { stderr } = await run(
      path.join(root, "node_modules/.bin/tsx"),
      [
        "scripts/vso.ts",
        "edit",
        clip,
        "cut the first second",
        "-o",
        out,
        "--data",
        path.join(dir, "data"),
      ],
      {
        cwd: root,
        env: { ...process.env, MAX_UPLOAD_MB: "0.01", TRANSCRIBER: "none" },
      },
    );
    expect(stderr).toMatch(/✓ cli-bigger-than-limit\.mp4 \(2\.0 s\)/);
    expect(stderr).not.toMatch(/larger than/);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    // The original stays where it was.
    expect(fs.existsSync(clip)).toBe(true);
  }, 120_000);
});

describe("vso transcript and cut by words, offline", () => {
  it("prints the words with times (pocketsphinx standing in, saying why), and cuts from one phrase to another headless", async () => {
    const { makeSpeechClip, probeSeconds } = await import("@/tests/support/make-media");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const clip = makeSpeechClip({
      text: "Hello there. Today we will look at a simple example of editing a talk by its words.",
      silenceSeconds: 0.5,
      width: 160,
      height: 120,
      name: "cli-transcript.mp4",
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vso-cli-words-"));
    // auto tries the whisper model first: from a port where nothing listens, as on an offline machine.
    const env = {
      ...process.env,
      TRANSCRIBER: "auto",
      WHISPER_MODEL_URL: "http://127.0.0.1:9/ggml-base.bin",
    };
    const tsx = path.join(root, "node_modules/.bin/tsx");
    const listed = await run(
      tsx,
      ["scripts/vso.ts", "transcript", clip, "--format", "json", "--data", path.join(dir, "d1")],
      { cwd: root, env },
    );
    expect(listed.stderr).toMatch(
      /may be offline.*pocketsphinx \(en-us\) made these captions instead/,
    );
    const t = JSON.parse(listed.stdout) as {
      engine: string;
      words: { w: string; s: number; e: number }[];
    };
    expect(t.engine).toBe("pocketsphinx (en-us)");
    expect(t.words.length).toBeGreaterThan(6);
    for (const w of t.words) expect(w.e).toBeGreaterThanOrEqual(w.s);
    // Two words said once each, a few words apart: cut from the first to the second.
    const once = t.words.filter(
      (w) => /^[a-z]{3,}$/.test(w.w) && t.words.filter((x) => x.w === w.w).length === 1,
    );
    const [from, to] = [once[1], once[4]];
    const out = path.join(dir, "cut.mp4");
    await run(
      tsx,
      [
        "scripts/vso.ts",
        "edit",
        clip,
        `cut from '${from.w}' to '${to.w}'`,
        "-o",
        out,
        "--data",
        path.join(dir, "d2"),
      ],
      { cwd: root, env },
    );
    const cutSeconds = (to.e - from.s) / 1000;
    expect(probeSeconds(clip) - probeSeconds(out)).toBeGreaterThan(cutSeconds - 0.3);
  }, 240_000);
});
