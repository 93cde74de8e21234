import { describe, expect, it } from "vitest";
import { presetFromMessage, routeIntent } from "./route-intent";

describe("routeIntent", () => {
  it.each([
    ["export", { kind: "export", preset: "youtube" }],
    ["Export it for TikTok.", { kind: "export", preset: "tiktok" }],
    ["please download the video", { kind: "export", preset: "youtube" }],
    ["send me the video", { kind: "export", preset: "youtube" }],
    ["导出", { kind: "export", preset: "youtube" }],
    ["render for shorts", { kind: "export", preset: "shorts" }],
    ["credits", { kind: "credits" }],
    ["How many credits do I have left?", { kind: "credits" }],
    ["余额", { kind: "credits" }],
    ["status", { kind: "state" }],
    ["show tracks", { kind: "state" }],
    ["状态", { kind: "state" }],
  ])("%s -> answered directly", (message, intent) => {
    expect(routeIntent(message)).toEqual(intent);
  });

  it.each([
    "trim the intro, add captions, and export for YouTube",
    "export the first 10 seconds only",
    "add background music",
    "make the credits roll at the end",
    "what is the status of the captions? make them bigger",
    "download music from somewhere and add it",
  ])("%s -> goes to the agent", (message) => {
    expect(routeIntent(message)).toBeNull();
  });

  it("picks the preset named in a message", () => {
    expect(presetFromMessage("add captions and export for TikTok")).toBe("tiktok");
    expect(presetFromMessage("export for Instagram")).toBe("instagram");
    expect(presetFromMessage("export")).toBe("youtube");
  });
});
