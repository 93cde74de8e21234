// The product's own examples, shown as one-click prompts ("Try saying...").
export const SUGGESTED_PROMPTS = [
  "edit a 2-minute tutorial recording into a 1080p MP4",
  "trim the intro, add captions, and export for YouTube",
  "make a 9:16 version for Shorts with bold captions",
] as const;
