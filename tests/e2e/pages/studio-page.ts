import { expect, type Page } from "@playwright/test";

// Page object for the studio: tests speak in what a creator does, selectors stay here.
export class StudioPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/");
  }

  status() {
    return this.page.getByTestId("connection-status");
  }

  async expectReady(): Promise<void> {
    await expect(this.status()).toHaveText("Ready");
  }

  suggestedPrompts() {
    return this.page.getByTestId("suggested-prompt");
  }

  creditsBadge() {
    return this.page.getByTestId("credits-badge");
  }
}
