import { describe, expect, it } from "vitest";
import type { Draft } from "@/lib/draft/schema";
import { titleToPlace } from "./title-placer";

// Which title a click on the preview places.

const text = (id: string, st: number, kind: "title" | "caption" = "title") => ({
  id,
  st,
  d: 2000,
  text: id,
  kind,
  position: "bottom",
  size: 0.06,
  color: "#FFFFFF",
  style: "classic",
});
const draft = (...sg: ReturnType<typeof text>[]) =>
  ({ d: 10_000, m: {}, t: [{ tt: 7, sg }] }) as unknown as Draft;

describe("titleToPlace", () => {
  it("the title selected on the timeline comes first", () => {
    expect(titleToPlace(draft(text("a", 0), text("b", 5000)), ["b"], 500)?.id).toBe("b");
  });
  it("else the title showing at the playhead, never a caption", () => {
    expect(
      titleToPlace(draft(text("cap", 5000, "caption"), text("a", 0), text("b", 5000)), [], 5500)
        ?.id,
    ).toBe("b");
  });
  it("else the only title; with several and none showing, none", () => {
    expect(titleToPlace(draft(text("a", 0)), [], 8000)?.id).toBe("a");
    expect(titleToPlace(draft(text("a", 0), text("b", 3000)), [], 8000)).toBeNull();
    expect(titleToPlace(draft(text("cap", 0, "caption")), [], 500)).toBeNull();
  });
});
