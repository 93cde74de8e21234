import { expect, test } from "@playwright/test";
import { StudioPage } from "./pages/studio-page";

// Dark mode here, light elsewhere: the screenshots show both.
test.use({ viewport: { width: 1440, height: 900 }, colorScheme: "dark" });

// How the chat panel shows each kind of stream event. The answer is scripted with
// page.route so these cases (long silences, out of credits) are repeatable; the real
// agent is exercised by story.spec.ts.

const sse = (events: unknown[]) => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("");

const draft = {
  d: 4000,
  m: {
    title: "Test",
    width: 1920,
    height: 1080,
    fps: 30,
    aspect: "16:9",
    fit: "pad",
    loudness: null,
  },
  t: [
    {
      tt: 7,
      m: { role: "titles" },
      sg: [
        {
          id: "t1",
          st: 0,
          d: 3000,
          text: "Urban Dreams",
          kind: "title",
          position: "center",
          size: 0.08,
          color: "#FFFFFF",
          style: "classic",
        },
      ],
    },
  ],
};

test("a streamed reply shows steps, text, a how-to tip and the new timeline", async ({
  page,
}, info) => {
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: sse([
        { type: "step", id: "s1", label: "Adding the title...", status: "running" },
        { type: "heartbeat", elapsedMs: 125_000 },
        { type: "step", id: "s1", label: "Added the title", status: "done" },
        { type: "text", delta: "I added the title " },
        { type: "text", delta: "“Urban Dreams” for the first 3 seconds." },
        {
          type: "draft",
          draft,
          summary: 'Timeline (1 track): 1. Title: "Urban Dreams" (0-3s)',
          version: 2,
        },
        {
          type: "tip",
          text: "In most editors: choose Text > Title, type it, and drag its end to 3 s.",
        },
        { type: "done" },
      ]),
    }),
  );
  // The scripted turn did not really change the server's draft: keep the state refetched
  // after the turn in line with the stream.
  let chatted = false;
  page.on("request", (r) => {
    if (r.url().endsWith("/api/chat")) chatted = true;
  });
  await page.route("**/api/state", async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    await route.fulfill({
      response: res,
      json: chatted
        ? {
            ...body,
            draft,
            summary: 'Timeline (1 track): 1. Title: "Urban Dreams" (0-3s)',
            version: 2,
          }
        : body,
    });
  });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();
  await studio.suggestedPrompts().first().click(); // one click sends
  const reply = await studio.waitForReply();
  await expect(page.locator('[data-testid="chat-message"][data-role="user"]')).toHaveText(
    "edit a 2-minute tutorial recording into a 1080p MP4",
  );
  await expect(reply.getByTestId("assistant-text")).toHaveText(
    "I added the title “Urban Dreams” for the first 3 seconds.",
  );
  await expect(reply.getByTestId("chat-step")).toHaveAttribute("data-status", "done");
  await expect(reply.getByTestId("chat-tip")).toContainText("How to do this by hand");
  await expect(studio.segments("text")).toHaveCount(1);
  await expect(studio.timelineSummary()).toHaveText(
    'Timeline (1 track): 1. Title: "Urban Dreams" (0-3s)',
  );
  await page.screenshot({ path: info.outputPath("reply.png") });
});

test("a reply cut off mid-stream says so instead of spinning forever", async ({ page }) => {
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: sse([
        { type: "step", id: "r", label: "Rendering...", status: "running" },
        { type: "heartbeat", elapsedMs: 130_000 },
      ]),
    }),
  );
  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();
  await studio.sendMessage("export for youtube");
  await expect(studio.chatErrors().last()).toContainText("cut off");
  await expect(studio.lastReply().getByTestId("chat-step")).toHaveAttribute(
    "data-status",
    "failed",
  );
});

test("Stop ends a reply that is still running", async ({ page }) => {
  await page.route("**/api/chat", () => new Promise(() => undefined)); // the answer never comes
  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();
  await studio.sendMessage("remove the pauses");
  await studio.stopButton().click();
  await expect(studio.chatErrors().last()).toContainText("Stopped.");
  await expect(page.getByTestId("chat-send")).toBeVisible();
});

test("out of credits reads as a sentence with the next step", async ({ page }) => {
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: sse([
        { type: "error", code: 2001, message: "You have no credits left for exports." },
        { type: "done" },
      ]),
    }),
  );
  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();
  await studio.sendMessage("export for youtube");
  const error = studio.chatErrors().last();
  await expect(error).toContainText("You have no credits left for exports.");
  await expect(error).toContainText("Your work is saved");
});

test("Shift+Enter makes a new line, Enter sends", async ({ page }) => {
  let sent = "";
  await page.route("**/api/chat", (route) => {
    sent = JSON.parse(route.request().postData() ?? "{}").message;
    return route.fulfill({
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: sse([{ type: "text", delta: "ok" }, { type: "done" }]),
    });
  });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();
  await studio.chatInput().click();
  await page.keyboard.type("first line");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("second line");
  await expect(studio.chatInput()).toHaveValue("first line\nsecond line");
  await page.keyboard.press("Enter");
  await studio.waitForReply();
  expect(sent).toBe("first line\nsecond line");
  await expect(studio.chatInput()).toHaveValue("");
});

test("a long silent job shows Still working... until the reply goes on", async ({ page }) => {
  // A stream the test holds open: route.fulfill can only send a whole body at once.
  await page.addInitScript(() => {
    const realFetch = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      if (String(input).endsWith("/api/chat")) {
        const enc = new TextEncoder();
        const send = (c: ReadableStreamDefaultController<Uint8Array>, ev: unknown) =>
          c.enqueue(enc.encode(`data: ${JSON.stringify(ev)}\n\n`));
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            send(c, { type: "step", id: "r", label: "Rendering your video...", status: "running" });
            send(c, { type: "heartbeat", elapsedMs: 125_000 });
            (window as unknown as { finishChat: () => void }).finishChat = () => {
              send(c, { type: "step", id: "r", label: "Rendered", status: "done" });
              send(c, { type: "text", delta: "Done: your video is ready." });
              send(c, { type: "done" });
              c.close();
            };
          },
        });
        return new Response(body, { headers: { "content-type": "text/event-stream" } });
      }
      return realFetch(input, init);
    };
  });
  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();
  await studio.sendMessage("export for youtube");
  await expect(page.getByTestId("still-working")).toBeVisible();
  await expect(studio.lastReply().getByTestId("chat-step")).toHaveAttribute(
    "data-status",
    "running",
  );
  await page.evaluate(() => (window as unknown as { finishChat: () => void }).finishChat());
  await expect(page.getByTestId("still-working")).toHaveCount(0);
  await expect(studio.lastReply().getByTestId("assistant-text")).toHaveText(
    "Done: your video is ready.",
  );
});
