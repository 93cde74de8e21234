import { beforeEach, describe, expect, it } from "vitest";
import { useUploadsStore } from "./uploads";

const s = () => useUploadsStore.getState();

describe("uploads store", () => {
  beforeEach(() => useUploadsStore.setState({ entries: [] }));

  it("tracks progress, then waits for the server once every byte is sent", () => {
    s().add({ id: "a", name: "a.mp4", size: 100, status: "uploading", message: null });
    s().progress("a", 40);
    expect(s().entries[0]).toMatchObject({ loaded: 40, status: "uploading" });
    s().progress("a", 100);
    expect(s().entries[0].status).toBe("processing");
    s().settle("a", "done");
    expect(s().entries[0]).toMatchObject({ status: "done", loaded: 100 });
  });

  it("carries on from where an earlier attempt stopped, counting the time left from now", () => {
    s().add({ id: "a", name: "a.mp4", size: 100, status: "uploading", message: null });
    s().resumed("a", 60);
    expect(s().entries[0]).toMatchObject({ loaded: 60, resumedFrom: 60, status: "uploading" });
    s().progress("a", 80);
    expect(s().entries[0]).toMatchObject({ loaded: 80, resumedFrom: 60 });
  });

  it("keeps failures visible when clearing finished rows", () => {
    s().add({ id: "a", name: "a.mp4", size: 1, status: "uploading", message: null });
    s().add({
      id: "b",
      name: "b.exe",
      size: 1,
      status: "refused",
      message: ".exe files can't be used.",
    });
    s().add({ id: "c", name: "c.mp4", size: 1, status: "uploading", message: null });
    s().settle("a", "done");
    s().settle("c", "cancelled", "Upload cancelled.");
    s().clearFinished();
    expect(s().entries.map((e) => e.id)).toEqual(["b"]);
  });

  it("lists newest first and dismisses one row", () => {
    s().add({ id: "a", name: "a", size: 1, status: "uploading", message: null });
    s().add({ id: "b", name: "b", size: 1, status: "uploading", message: null });
    expect(s().entries.map((e) => e.id)).toEqual(["b", "a"]);
    s().dismiss("b");
    expect(s().entries.map((e) => e.id)).toEqual(["a"]);
  });
});
