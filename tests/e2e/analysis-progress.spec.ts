import { expect, test } from "@playwright/test";
import { StudioPage } from "./pages/studio-page";

test.use({ viewport: { width: 1440, height: 900 } });

// Hour-long analysis shows how far it is and the time left under its step, updates as the
// stream goes on, and Stop ends it. The stream is scripted (held open in the page) so the
// numbers are known; the engine's own progress events are tested in
// lib/engine/agent/long-analysis.engine.test.ts.

test("a long transcription shows percent done and time left, and Stop ends it", async ({
  page,
}, info) => {
  await page.addInitScript(() => {
    const realFetch = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      if (!String(input).endsWith("/api/chat")) return realFetch(input, init);
      const enc = new TextEncoder();
      const w = window as unknown as {
        progress: (ratio: number, eta: number | null) => void;
        chatAborted: boolean;
      };
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          const send = (ev: unknown) => c.enqueue(enc.encode(`data: ${JSON.stringify(ev)}\n\n`));
          const label = "Listening to the speech in talk-60min.mp4...";
          send({ type: "step", id: "listen-1", label, status: "running" });
          w.progress = (ratio, etaSeconds) =>
            send({
              type: "step",
              id: "listen-1",
              label,
              status: "running",
              progress: { ratio, etaSeconds },
            });
          init?.signal?.addEventListener("abort", () => {
            w.chatAborted = true;
            c.error(new DOMException("aborted", "AbortError"));
          });
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    };
  });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();
  await studio.sendMessage("add captions");
  const step = studio.lastReply().getByTestId("chat-step");
  await expect(step).toHaveAttribute("data-status", "running");

  await page.evaluate(() =>
    (window as unknown as { progress: (r: number, e: number | null) => void }).progress(0.01, null),
  );
  await expect(step.getByTestId("chat-step-progress")).toHaveText("1%");
  await page.evaluate(() =>
    (window as unknown as { progress: (r: number, e: number | null) => void }).progress(0.42, 190),
  );
  await expect(step.getByTestId("chat-step-progress")).toHaveText("42% · about 3 min left");
  await expect(step.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "42");
  await page.screenshot({ path: info.outputPath("transcribing.png") });

  await studio.stopButton().click();
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { chatAborted?: boolean }).chatAborted === true),
    )
    .toBe(true);
  await expect(step).not.toHaveAttribute("data-status", "running");
  await expect(step.getByTestId("chat-step-progress")).toHaveCount(0);
});
