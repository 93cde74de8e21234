import { beforeEach, describe, expect, it } from "vitest";
import { usePreviewStore } from "./preview";

const s = () => usePreviewStore.getState();

describe("preview store", () => {
  beforeEach(() => s().reset());

  it("plays the newest finished preview, never an older one over it", () => {
    s().track("p1", 3);
    s().track("p2", 4);
    s().done("p2", "/v4");
    s().done("p1", "/v3");
    expect(s().ready).toEqual({ url: "/v4", version: 4 });
  });

  it("ignores jobs it did not start and adopts the server's preview only when it has none", () => {
    s().done("stranger", "/x");
    expect(s().ready).toBeNull();
    s().adopt("/server", 2);
    s().adopt("/other", 5);
    expect(s().ready).toEqual({ url: "/server", version: 2 });
  });
});
