import { create } from "zustand";

// The preview player's clock, shared with the timeline's playhead and the shortcuts.

export interface PlayerControls {
  play(): void;
  pause(): void;
  toggle(): void;
  /** Seek to a timeline position in ms. */
  seek(ms: number): void;
  /** Playback rate on top of each clip's own speed (the L shuttle: 1, 2, 4). */
  setRate?(rate: number): void;
}

interface PlayerState {
  /** Playhead position on the timeline, ms. */
  currentMs: number;
  /** The preview is playing. */
  playing: boolean;
  /** Set by the mounted player; null when there is nothing to play. */
  controls: PlayerControls | null;
  /** Move the playhead (ms). */
  setTime(ms: number): void;
  /** Playing or paused. */
  setPlaying(playing: boolean): void;
  /** The mounted player offers (or withdraws) its controls. */
  register(controls: PlayerControls | null): void;
  /** Seek the mounted player, or only move the playhead when none is mounted. */
  seek(ms: number): void;
  /** Play or pause the mounted player (nothing when none is mounted). */
  togglePlay(): void;
}

export const usePlayerStore = create<PlayerState>((set, get) => ({
  currentMs: 0,
  playing: false,
  controls: null,
  setTime(ms) {
    set({ currentMs: Math.max(0, Math.round(ms)) });
  },
  setPlaying(playing) {
    set({ playing });
  },
  register(controls) {
    set({ controls });
  },
  seek(ms) {
    const { controls, setTime } = get();
    if (controls) controls.seek(ms);
    else setTime(ms);
  },
  togglePlay() {
    get().controls?.toggle();
  },
}));
