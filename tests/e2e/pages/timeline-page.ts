import { expect, type Locator, type Page } from "@playwright/test";
import type { Draft } from "@/lib/draft/schema";

// Page object for hands-on timeline editing: drags with the mouse, keys on the keyboard,
// and the draft the server holds afterwards (what exports render).
export class TimelinePage {
  constructor(readonly page: Page) {}

  clips() {
    return this.page.locator(
      '[data-testid="track"][data-track-type="video"] [data-testid="segment"]',
    );
  }

  textBlocks() {
    return this.page.locator(
      '[data-testid="track"][data-track-type="text"] [data-testid="segment"]',
    );
  }

  ruler() {
    return this.page.getByTestId("timeline-ruler");
  }

  /** The draft as the server has it now. */
  async draft(): Promise<Draft> {
    const res = await this.page.request.get("/api/state");
    expect(res.ok()).toBeTruthy();
    return ((await res.json()) as { draft: Draft }).draft;
  }

  async mainClips() {
    const d = await this.draft();
    return d.t.find((t) => t.tt === 0)?.sg ?? [];
  }

  /** Pixels per millisecond, from a segment's box and its length in the draft. */
  async pxPerMs(segment: Locator, ms: number): Promise<number> {
    const box = (await segment.boundingBox())!;
    return box.width / ms;
  }

  /** Presses at (x, y), moves in steps to (x + dx, y + dy) and lets go: a real drag. */
  async drag(x: number, y: number, dx: number, dy = 0, check?: () => Promise<void>): Promise<void> {
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
    await this.page.mouse.move(x + dx, y + dy, { steps: 5 });
    if (check) await check();
    await this.page.mouse.up();
  }

  /** Drags a segment's left or right edge by `dx` pixels. */
  async dragEdge(
    segment: Locator,
    edge: "left" | "right",
    dx: number,
    check?: () => Promise<void>,
  ): Promise<void> {
    const box = (await segment.locator(`[data-handle="${edge}"]`).boundingBox())!;
    await this.drag(box.x + box.width / 2, box.y + box.height / 2, dx, 0, check);
  }

  /** Puts the playhead at `seconds` with the keyboard (Home, then Shift+Right one second at a time). */
  async playheadTo(seconds: number): Promise<void> {
    await this.page.locator("body").click({ position: { x: 5, y: 300 } });
    await this.page.keyboard.press("Home");
    for (let i = 0; i < seconds; i++) await this.page.keyboard.press("Shift+ArrowRight");
    await expect(this.ruler()).toHaveAttribute("aria-valuenow", String(seconds));
  }
}
