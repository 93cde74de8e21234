import crypto from "node:crypto";
import { openNemoDatabase } from "@/lib/server/backend/nemo/nemo-database";
import type { ChatEvent } from "@/lib/events/schema";
import { createNemoBackend, type NemoDeps } from "@/lib/server/backend/nemo";
import type { Backend, Caller } from "@/lib/server/backend/types";
import { assertLocalNemo } from "./guard";
import { startFakeNemo, type FakeNemoOptions } from "./server";

// The nemo backend wired to a fresh fake NemoVideo and an in-memory database, with a
// hand-driven clock (export polling) and recorded sleeps (the 30 s wait after 429).

export interface HarnessOptions {
  fake?: FakeNemoOptions;
  token?: string;
  deps?: Partial<NemoDeps>;
}

export async function nemoHarness(opts: HarnessOptions = {}) {
  const fake = await startFakeNemo(opts.fake);
  const db = openNemoDatabase(":memory:");
  const clock = { now: 1_700_000_000_000 };
  const sleeps: number[] = [];
  const env = {
    NEMO_BASE_URL: assertLocalNemo(fake.url),
    NEMO_TOKEN: opts.token,
    NEMO_SKILL_PLATFORM: "test-platform",
    NEMO_POLL_MS: 30_000,
    NEMO_REGISTER_URL: "https://register.example/signup",
    MAX_UPLOAD_MB: 500,
    NODE_ENV: "test" as const,
  };
  const make = (): Backend =>
    createNemoBackend(env, {
      db: () => db,
      now: () => clock.now,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      requestTimeoutMs: 3_000,
      ...opts.deps,
    });
  const backend = make();

  async function connect(clientId: string = crypto.randomUUID()): Promise<Caller> {
    const { token } = await backend.createToken(clientId, "127.0.0.1");
    const base = {
      token,
      clientId,
      signal: new AbortController().signal,
      origin: "http://app.test",
    };
    const project = await backend.createSession(base, {});
    return { ...base, sessionId: project.id };
  }

  async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
    const out: ChatEvent[] = [];
    for await (const ev of events) out.push(ev);
    return out;
  }

  return { fake, db, clock, sleeps, backend, make, connect, collect, close: () => fake.close() };
}

export const textOf = (events: ChatEvent[]) =>
  events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");

/** A multipart body streamed from parts, like a browser's FormData upload. */
export function multipart(files: { name: string; data: Uint8Array; type?: string }[]) {
  const boundary = `----vso${crypto.randomBytes(8).toString("hex")}`;
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const f of files) {
    chunks.push(
      enc.encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
    );
    chunks.push(f.data, enc.encode("\r\n"));
  }
  chunks.push(enc.encode(`--${boundary}--\r\n`));
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    chunks,
    length: chunks.reduce((n, c) => n + c.length, 0),
  };
}
