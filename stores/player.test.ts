import { beforeEach, describe, expect, it } from "vitest";
import { usePlayerStore, type PlayerControls } from "./player";

const p = () => usePlayerStore.getState();

function fakeControls(calls: string[]): PlayerControls {
  return {
    play: () => calls.push("play"),
    pause: () => calls.push("pause"),
    toggle: () => calls.push("toggle"),
    seek: (ms) => calls.push(`seek ${ms}`),
  };
}

describe("player store", () => {
  beforeEach(() => usePlayerStore.setState({ currentMs: 0, playing: false, controls: null }));

  it("moves only the playhead when no player is mounted", () => {
    p().seek(1234.4);
    p().togglePlay();
    expect(p().currentMs).toBe(1234);
  });

  it("seeks and toggles through the mounted player", () => {
    const calls: string[] = [];
    p().register(fakeControls(calls));
    p().seek(500);
    p().togglePlay();
    expect(calls).toEqual(["seek 500", "toggle"]);
    expect(p().currentMs).toBe(0);
  });
});
