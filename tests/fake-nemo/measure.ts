// Measures the nemo backend's proxy costs against the fake NemoVideo server (run in a
// child process, so only the proxy's own memory is counted):
//  1. upload: peak memory while a large multipart body streams through backend.upload,
//     against a baseline in the same run that buffers the body first (as formData() would);
//  2. chat: delay between the fake's heartbeat and its first reply text (200 ms apart on
//     the fake's side) as seen through backend.chat: streaming adds only the difference.
// Run: npx tsx --conditions=react-server tests/fake-nemo/measure.ts [MB]
import { spawn } from "node:child_process";
import { openNemoDatabase } from "@/lib/server/backend/nemo/nemo-database";
import { createNemoBackend } from "@/lib/server/backend/nemo";

async function startFakeProcess(): Promise<{ url: string; stop: () => void }> {
  const child = spawn("npx", ["tsx", "tests/fake-nemo/main.ts"], {
    env: { ...process.env, FAKE_NEMO_PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true, // its own process group, so stopping it also stops tsx's node child
  });
  const url = await new Promise<string>((resolve) => {
    child.stdout.on("data", (d: Buffer) => {
      const m = /listening on (\S+)/.exec(String(d));
      if (m) resolve(m[1]);
    });
  });
  return { url, stop: () => process.kill(-child.pid!, "SIGTERM") };
}

async function main(): Promise<void> {
  const MB = Number(process.argv[2] ?? 100);
  const fake = await startFakeProcess();
  const backend = createNemoBackend(
    {
      NEMO_BASE_URL: fake.url,
      NEMO_SKILL_PLATFORM: "bench",
      NEMO_POLL_MS: 30_000,
      NEMO_REGISTER_URL: "https://r.example",
      MAX_UPLOAD_MB: 10_000,
      NODE_ENV: "test",
    },
    { db: () => openNemoDatabase(":memory:") },
  );
  const clientId = crypto.randomUUID();
  const { token } = await backend.createToken(clientId, "127.0.0.1");
  const base = { token, clientId, signal: new AbortController().signal, origin: "http://bench" };
  const caller = { ...base, sessionId: (await backend.createSession(base, {})).id };

  const boundary = "----vsobench";
  const enc = new TextEncoder();
  const head = enc.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const chunk = new Uint8Array(1024 * 1024).fill(1); // the same bytes every time: the source itself allocates nothing
  const body = () => {
    let sent = -1;
    return new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent === -1) c.enqueue(head);
        else if (sent < MB) c.enqueue(chunk);
        else if (sent === MB) c.enqueue(tail);
        else c.close();
        sent++;
      },
    });
  };
  const contentType = `multipart/form-data; boundary=${boundary}`;

  async function peakDuring(
    run: () => Promise<unknown>,
  ): Promise<{ peakMb: number; seconds: number }> {
    const start = process.memoryUsage().rss;
    let peak = start;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const t0 = performance.now();
    await run().catch(() => undefined); // the fake cannot probe the junk bytes; the transfer is what counts
    clearInterval(timer);
    return { peakMb: (peak - start) / 1048576, seconds: (performance.now() - t0) / 1000 };
  }

  const streamed = await peakDuring(() =>
    backend.upload(caller, { body: body(), contentType, contentLength: null }),
  );
  const buffered = await peakDuring(async () => {
    const whole = new Uint8Array(await new Response(body()).arrayBuffer());
    const one = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(whole), c.close()) });
    return backend.upload(caller, { body: one, contentType, contentLength: whole.length });
  });
  console.log(
    `upload ${MB} MB: streamed peak +${streamed.peakMb.toFixed(0)} MB RSS in ${streamed.seconds.toFixed(2)} s; ` +
      `buffered baseline +${buffered.peakMb.toFixed(0)} MB in ${buffered.seconds.toFixed(2)} s; memory ratio ${(streamed.peakMb / Math.max(1, buffered.peakMb)).toFixed(2)}`,
  );

  // Three sentences, 12-character chunks 100 ms apart on the fake's side (~1.3 s in all).
  const first: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < 5; i++) {
    const turn = {
      shape: i % 2 ? "adk" : "nemo",
      chunkDelayMs: 100,
      text: "Step one is done. Step two is done as well. And that is step three.",
    };
    await fetch(`${fake.url}/__control`, {
      method: "POST",
      body: JSON.stringify({ turn }),
      headers: { "content-type": "application/json" },
    });
    const t0 = performance.now();
    let firstText = 0;
    for await (const ev of backend.chat(caller, 'add a title "Bench"')) {
      if (ev.type === "text" && !firstText) firstText = performance.now() - t0;
    }
    first.push(firstText);
    total.push(performance.now() - t0);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2].toFixed(0);
  console.log(
    `chat: first text after ${median(first)} ms, turn over after ${median(total)} ms (median of 5): the reply streams, it is not held to the end`,
  );
  fake.stop();
  process.exit(0);
}

void main();
