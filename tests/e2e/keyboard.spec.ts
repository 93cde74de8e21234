import { expect, test } from "@playwright/test";
import { StudioPage } from "./pages/studio-page";

test.use({ viewport: { width: 1440, height: 900 } });

// Keyboard alone: every control is reachable with Tab, labelled, and shows where focus is.
test("keyboard only: reach the controls with Tab, and send a message with Enter", async ({
  page,
}, info) => {
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: `data: ${JSON.stringify({ type: "text", delta: "Sure." })}\n\ndata: ${JSON.stringify({ type: "done" })}\n\n`,
    }),
  );
  const studio = new StudioPage(page);
  await studio.open();
  await studio.expectReady();

  const reached = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const labels = (el as HTMLInputElement).labels;
      const name =
        el.getAttribute("aria-label") ||
        el.textContent?.trim() ||
        (labels && labels[0]?.textContent?.trim()) ||
        "";
      const outline = getComputedStyle(el).outlineStyle;
      return { testid: el.dataset.testid ?? el.tagName, name, outline };
    });
    if (!focused) continue;
    expect(focused.name, `focused ${focused.testid} has a name`).not.toBe("");
    // A visible focus ring (the chat box shows its ring on the whole form instead).
    if (focused.testid !== "chat-input")
      expect(focused.outline, `${focused.testid} shows focus`).not.toBe("none");
    reached.add(focused.testid);
  }
  for (const id of [
    "upload-button",
    "chat-input",
    "projects-menu",
    "suggested-prompt",
    "preset-youtube",
  ])
    expect(reached, `Tab reaches ${id}`).toContain(id);

  // The header's Export jumps to the export panel and puts focus on the format choice.
  await page.getByTestId("header-export").click();
  await expect(page.getByTestId("preset-youtube")).toBeFocused();

  await studio.chatInput().focus();
  await page.screenshot({ path: info.outputPath("keyboard-focus.png") });
  await page.keyboard.type("make it shorter");
  await page.keyboard.press("Enter");
  await expect(studio.lastReply().getByTestId("assistant-text")).toHaveText("Sure.");
});
