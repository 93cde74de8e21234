import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, noParams, useTestServer } from "@/tests/support/test-server";
import { draftSchema, type TextTrack } from "@/lib/draft/schema";

// More visitors than the default 10 sessions per address in this file.
useTestServer({ TOKEN_RATE_LIMIT: "50" });
let upload: typeof import("./route").POST;
let connect: typeof import("../session/route").POST;
let getEngine: typeof import("@/lib/server/engine").getEngine;

beforeAll(async () => {
  upload = (await import("./route")).POST;
  connect = (await import("../session/route")).POST;
  getEngine = (await import("@/lib/server/engine")).getEngine;
});

const SRT =
  "\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i> there.\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nSecond\r\n";

/** A visitor with a 10 s clip on the timeline. */
async function visitorWithClip(): Promise<{ jar: CookieJar; sessionId: string }> {
  const jar = new CookieJar();
  const res = jar.take(await connect(jar.request("/api/session", { method: "POST" }), noParams));
  const sessionId = (await res.json()).project.id as string;
  const draft = draftSchema.parse({
    t: [
      {
        tt: 0,
        sg: [{ id: "c1", st: 0, d: 10_000, src: "med_x", in: 0, out: 10_000 }],
        m: { role: "main" },
      },
    ],
    d: 10_000,
    m: {},
  });
  getEngine().drafts.commit(sessionId, draft, "Added a clip");
  return { jar, sessionId };
}

function form(
  files: { name: string; body: string | Uint8Array<ArrayBuffer> }[],
  field = "file",
): FormData {
  const f = new FormData();
  for (const file of files) f.append(field, new Blob([file.body]), file.name);
  return f;
}

const post = (jar: CookieJar, body: BodyInit, headers?: Record<string, string>) =>
  upload(jar.request("/api/captions", { method: "POST", body, headers }), noParams);

describe("POST /api/captions", () => {
  it("turns an uploaded .srt into the captions track, undoably", async () => {
    const { jar, sessionId } = await visitorWithClip();
    const res = await post(jar, form([{ name: "talk.srt", body: SRT }]));
    expect(res.status).toBe(200);
    const state = await res.json();
    const track = state.draft.t.find((t: TextTrack) => t.m.role === "captions") as TextTrack;
    expect(track.m.engine).toBe("uploaded file");
    expect(track.sg.map((s) => [s.st, s.d, s.text, s.kind])).toEqual([
      [1000, 1500, "Hello there.", "caption"],
      [3000, 1000, "Second", "caption"],
    ]);
    expect(state.canUndo).toBe(true);
    expect(getEngine().drafts.current(sessionId).label).toBe("Captions from talk.srt: 2 lines");
  });

  it("takes a quirky file from another tool and says in the chat which lines it skipped", async () => {
    const { jar, sessionId } = await visitorWithClip();
    const quirky = "00:00:01,50 -> 00:00:02,50\nHello\n00:00:03,000 --> 00:00:03,000\nGone\n";
    const res = await post(jar, form([{ name: "other.srt", body: quirky }]));
    expect(res.status).toBe(200);
    const state = await res.json();
    expect(
      state.draft.t
        .find((t: TextTrack) => t.m.role === "captions")
        .sg.map((s: { st: number; text: string }) => [s.st, s.text]),
    ).toEqual([[1500, "Hello"]]);
    expect(state.messages.at(-1)).toMatchObject({
      role: "assistant",
      content: expect.stringMatching(
        /skipped 1 caption I could not use: line 3 \(starts and ends at the same time\)/,
      ),
    });
    expect(getEngine().messages.list(sessionId).at(-1)!.content).toMatch(/line 3/);
  });

  it('accepts a .vtt in the "files" field too', async () => {
    const { jar } = await visitorWithClip();
    const vtt = "WEBVTT\n\n00:01.000 --> 00:02.000 align:start\nHi\n";
    const res = await post(jar, form([{ name: "subs.VTT", body: vtt }], "files"));
    expect(res.status).toBe(200);
    expect(
      (await res.json()).draft.t.find((t: TextTrack) => t.m.role === "captions").sg[0].text,
    ).toBe("Hi");
  });

  it.each([
    [
      "a file whose only cue is broken",
      () => form([{ name: "a.srt", body: "1\n00:00:01,000 --> 00:0x:02,000\nHi\n" }]),
      undefined,
      422,
      /could be used: line 2 \(/,
    ],
    [
      "a text file named .srt",
      () => form([{ name: "notes.srt", body: "Shopping list\n\nmilk -> fridge\n" }]),
      undefined,
      422,
      /not a captions file/,
    ],
    [
      "a file that is not subtitles",
      () => form([{ name: "a.docx", body: "PK..." }]),
      undefined,
      415,
      /must be an \.srt or \.vtt file/,
    ],
    ["no file", () => form([]), undefined, 422, /Choose an \.srt or \.vtt file/],
    [
      "two files",
      () =>
        form([
          { name: "a.srt", body: SRT },
          { name: "b.srt", body: SRT },
        ]),
      undefined,
      422,
      /one captions file at a time/,
    ],
    [
      "JSON instead of a file",
      () => JSON.stringify({ srt: SRT }),
      { "content-type": "application/json" },
      400,
      /multipart\/form-data/,
    ],
    [
      "a file over 2 MB",
      () => form([{ name: "big.srt", body: new Uint8Array(2 * 1024 * 1024 + 1) }]),
      undefined,
      413,
      /larger than 2 MB/,
    ],
  ])("refuses %s with a sentence", async (_name, body, headers, status, message) => {
    const { jar } = await visitorWithClip();
    const res = await post(jar, body() as BodyInit, headers);
    expect(res.status).toBe(status);
    const err = (await res.json()).error;
    expect(err.message).toMatch(message);
  });

  it("stops reading a streamed body with no length as soon as the file passes 2 MB", async () => {
    const { jar } = await visitorWithClip();
    const boundary = "----vso-test";
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(65);
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(
          new TextEncoder().encode(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.srt"\r\n\r\n`,
          ),
        );
      },
      pull(c) {
        if (sent > 50 * 1024 * 1024) return c.close(); // never reached when the reader stops
        sent += chunk.length;
        c.enqueue(chunk);
      },
    });
    const req = jar.request("/api/captions", {
      method: "POST",
      body,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      duplex: "half",
    } as RequestInit);
    const res = await upload(req, noParams);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(4 * 1024 * 1024);
  });

  it("asks for a clip first when the timeline is empty", async () => {
    const jar = new CookieJar();
    jar.take(await connect(jar.request("/api/session", { method: "POST" }), noParams));
    const res = await post(jar, form([{ name: "a.srt", body: SRT }]));
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/Add a clip first/);
  });
});
