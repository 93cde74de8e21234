import fs from "node:fs";
import path from "node:path";
import { expect, type Download, type Locator, type Page } from "@playwright/test";

const MIME: Record<string, string> = {
  mp4: "video/mp4",
  mov: "video/quicktime",
  avi: "video/x-msvideo",
  webm: "video/webm",
  mkv: "video/x-matroska",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  m4a: "audio/mp4",
  aac: "audio/aac",
};

export type TrackKind = "video" | "audio" | "text";
export type PanelTab = "edit" | "media" | "chat" | "transcript" | "export";

// Page object for the studio: tests speak in what a creator does, selectors stay here.
// Methods are used by several specs (also the nemo story): keep their meaning stable.
export class StudioPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/");
  }

  status() {
    return this.page.getByTestId("connection-status");
  }

  async expectReady(): Promise<void> {
    // In the interface's language (a test may run the browser in Chinese).
    await expect(this.status()).toHaveText(/^(Ready|就绪)$/);
  }

  suggestedPrompts() {
    return this.page.getByTestId("suggested-prompt");
  }

  creditsBadge() {
    return this.page.getByTestId("credits-badge");
  }

  backendBadge() {
    return this.page.getByTestId("backend-badge");
  }

  // ---- media ----------------------------------------------------------------

  /** Drops files on the page the way a browser does (a DataTransfer on drag/drop events). */
  async dropFiles(files: string[]): Promise<void> {
    const payload = files.map((f) => {
      const name = path.basename(f);
      const ext = name.split(".").pop()!.toLowerCase();
      return {
        name,
        mime: MIME[ext] ?? "application/octet-stream",
        b64: fs.readFileSync(f).toString("base64"),
      };
    });
    const dataTransfer = await this.page.evaluateHandle((items) => {
      const dt = new DataTransfer();
      for (const it of items) {
        const bin = atob(it.b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        dt.items.add(new File([bytes], it.name, { type: it.mime }));
      }
      return dt;
    }, payload);
    const target = this.page.getByTestId("page-dropzone");
    await target.dispatchEvent("dragenter", { dataTransfer });
    await target.dispatchEvent("dragover", { dataTransfer });
    await target.dispatchEvent("drop", { dataTransfer });
  }

  /** Picks files with the Upload button's file dialog. */
  async chooseFiles(files: string[]): Promise<void> {
    await this.page.getByTestId("file-input").setInputFiles(files);
  }

  uploadItems() {
    return this.page.getByTestId("upload-item");
  }

  uploadItem(name: string) {
    return this.uploadItems().filter({ hasText: name });
  }

  mediaItems() {
    return this.page.getByTestId("media-item");
  }

  /** Opens the studio and uploads `files`, waiting until each is in the media bin. */
  async openWith(files: string[]): Promise<void> {
    await this.open();
    await this.expectReady();
    await this.chooseFiles(files);
    await this.expectMediaCount(files.length);
  }

  async expectMediaCount(n: number, timeout = 60_000): Promise<void> {
    await expect(this.mediaItems()).toHaveCount(n, { timeout });
  }

  async addAllToTimeline(): Promise<void> {
    const all = this.page.getByTestId("media-add-all");
    if (await all.isVisible()) await all.click();
    else await this.mediaItems().first().getByTestId("media-add").click();
  }

  // ---- chat -----------------------------------------------------------------

  chatInput() {
    return this.page.getByTestId("chat-input");
  }

  async sendMessage(text: string): Promise<void> {
    await this.chatInput().fill(text);
    await this.chatInput().press("Enter");
  }

  assistantMessages() {
    return this.page.locator('[data-testid="chat-message"][data-role="assistant"]');
  }

  lastReply() {
    return this.assistantMessages().last();
  }

  /** The answers a clarifying question offers, as buttons under the latest reply. */
  clarifyChoices() {
    return this.lastReply().getByTestId("clarify-choice");
  }

  /** Waits until the newest reply has finished streaming. */
  async waitForReply(timeout = 120_000): Promise<Locator> {
    const reply = this.lastReply();
    await expect(reply).toBeVisible();
    await expect(reply).not.toHaveAttribute("data-pending", { timeout });
    return reply;
  }

  chatErrors() {
    return this.page.getByTestId("chat-error");
  }

  stopButton() {
    return this.page.getByTestId("chat-stop");
  }

  // ---- timeline and preview -------------------------------------------------

  timeline() {
    return this.page.getByTestId("timeline");
  }

  tracks(kind?: TrackKind) {
    return kind
      ? this.page.locator(`[data-testid="track"][data-track-type="${kind}"]`)
      : this.page.getByTestId("track");
  }

  segments(kind?: TrackKind) {
    return this.tracks(kind).getByTestId("segment");
  }

  timelineSummary() {
    return this.page.getByTestId("timeline-summary");
  }

  undoButton() {
    return this.page.getByTestId("undo");
  }

  redoButton() {
    return this.page.getByTestId("redo");
  }

  player() {
    return this.page.getByTestId("preview-player");
  }

  playhead() {
    return this.page.getByTestId("playhead");
  }

  // ---- export ---------------------------------------------------------------

  async choosePreset(id: string): Promise<void> {
    await this.page.getByTestId(`preset-${id}`).check();
  }

  async startExport(preset?: string): Promise<void> {
    if (preset) await this.choosePreset(preset);
    await this.page.getByTestId("export-start").click();
  }

  exportItems() {
    return this.page.getByTestId("export-item");
  }

  async waitForExport(
    status: "completed" | "failed" | "cancelled" | "processing",
    timeout = 300_000,
  ): Promise<Locator> {
    const item = this.exportItems().first();
    await expect(item).toHaveAttribute("data-status", status, { timeout });
    return item;
  }

  async download(item: Locator = this.exportItems().first()): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      item.getByTestId("export-download").click(),
    ]);
    return download;
  }

  /** The absolute public share URL of a completed export. */
  async shareUrl(item: Locator = this.exportItems().first()): Promise<string> {
    const url = await item.getByTestId("export-copy-share").getAttribute("data-share-url");
    if (!url) throw new Error("the export has no share link");
    return url;
  }

  // ---- projects -------------------------------------------------------------

  async newProject(): Promise<void> {
    await this.page.getByTestId("projects-menu").click();
    await this.page.getByTestId("project-new").click();
  }

  async openProject(title: string, index = 0): Promise<void> {
    await this.page.getByTestId("projects-menu").click();
    await this.page.getByTestId("project-item").filter({ hasText: title }).nth(index).click();
  }

  projectItems() {
    return this.page.getByTestId("project-item");
  }

  // ---- phone layout ---------------------------------------------------------

  async showPanel(tab: PanelTab): Promise<void> {
    const button = this.page.getByTestId(`tab-${tab}`);
    if (await button.isVisible()) await button.click();
  }
}
