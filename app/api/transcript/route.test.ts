import { beforeAll, describe, expect, it } from "vitest";
import { CookieJar, noParams, useTestServer } from "@/tests/support/test-server";
import { makeSpeechClip } from "@/tests/support/make-media";
import { multipart, webBody } from "@/tests/support/engine/test-multipart";
import type { TranscriptView, TranscriptWord } from "@/lib/transcript/schema";

// The transcript panel's round trip through the real routes: transcribe a speech clip,
// cut three words with cut_words, see them struck, restore them, correct one.

useTestServer();
let connect: typeof import("../session/route").POST;
let upload: typeof import("../upload/route").POST;
let ops: typeof import("../state/ops/route").POST;
let route: typeof import("./route");

beforeAll(async () => {
  connect = (await import("../session/route")).POST;
  upload = (await import("../upload/route")).POST;
  ops = (await import("../state/ops/route")).POST;
  route = await import("./route");
});

const postJson = (jar: CookieJar, url: string, body?: unknown) =>
  jar.request(url, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });

describe("/api/transcript", () => {
  it("transcribes, then cut, restore and correct through /api/state/ops show in the view", async () => {
    const jar = new CookieJar();
    jar.take(
      await connect(
        jar.request("/api/session", { method: "POST", headers: { "x-vso-client-ip": "10.9.0.1" } }),
        noParams,
      ),
    );
    const clip = makeSpeechClip({
      text: "Hello there. Today we look at editing a talk by its words.",
      silenceSeconds: 0.3,
      width: 320,
      height: 240,
      name: "route-talk.mp4",
    });
    const body = multipart([{ name: "talk.mp4", file: clip, type: "video/mp4" }]);
    expect(
      (
        await upload(
          jar.request("/api/upload", {
            method: "POST",
            body: webBody(body),
            headers: { "content-type": body.contentType },
            duplex: "half",
          } as RequestInit),
          noParams,
        )
      ).status,
    ).toBe(200);
    await ops(postJson(jar, "/api/state/ops", { ops: [{ op: "add_clips" }] }), noParams);

    const before = (await (
      await route.GET(jar.request("/api/transcript"), noParams)
    ).json()) as TranscriptView;
    expect(before).toMatchObject({ status: "none", tokens: [], missing: ["talk.mp4"] });
    // Cutting words needs them first: a sentence, not a guess.
    const early = await ops(
      postJson(jar, "/api/state/ops", {
        ops: [{ op: "cut_words", spans: [{ from: 0.5, to: 1 }] }],
      }),
      noParams,
    );
    expect(early.status).toBe(422);
    expect((await early.json()).error.message).toMatch(/Transcribe/);

    const view = (await (
      await route.POST(postJson(jar, "/api/transcript"), noParams)
    ).json()) as TranscriptView;
    expect(view.status).toBe("ready");
    const words = view.tokens.filter((t): t is TranscriptWord => t.type === "word");
    expect(words.length).toBeGreaterThan(4);
    const [a, , c] = words.slice(1, 4);
    const cut = await (
      await ops(
        postJson(jar, "/api/state/ops", {
          ops: [{ op: "cut_words", spans: [{ from: a.s! / 1000, to: c.e! / 1000 }] }],
        }),
        noParams,
      )
    ).json();
    expect(cut.draft.t[0].sg).toHaveLength(2);
    const after = (await (
      await route.GET(jar.request("/api/transcript"), noParams)
    ).json()) as TranscriptView;
    const struck = after.tokens.filter(
      (t): t is TranscriptWord => t.type === "word" && t.s === null,
    );
    expect(struck.map((w) => w.text)).toEqual(words.slice(1, 4).map((w) => w.text));

    const restored = await (
      await ops(
        postJson(jar, "/api/state/ops", {
          ops: [{ op: "restore_words", mediaId: a.src, from: a.ss / 1000, to: a.se / 1000 }],
        }),
        noParams,
      )
    ).json();
    expect(restored.draft.t[0].sg).toHaveLength(1);
    await ops(
      postJson(jar, "/api/state/ops", {
        ops: [
          {
            op: "correct_words",
            mediaId: a.src,
            from: a.ss / 1000,
            to: a.se / 1000,
            text: "Kubernetes",
          },
        ],
      }),
      noParams,
    );
    const fixed = (await (
      await route.GET(jar.request("/api/transcript"), noParams)
    ).json()) as TranscriptView;
    expect(fixed.tokens.find((t) => t.type === "word" && t.corrected)).toMatchObject({
      text: "Kubernetes",
      ss: a.ss,
    });
  }, 120_000);
});
