import { create } from "zustand";

// What the creator has picked on the timeline: selected clips and text blocks, the I/O
// range marks, and the shortcuts popover. Shared by the timeline, its keys and the help.

interface TimelineState {
  /** Ids of selected segments (click selects one, Shift+click adds or removes). */
  selected: string[];
  /** Range marks (I and O), timeline ms; null when unset. */
  markIn: number | null;
  markOut: number | null;
  /** The keyboard shortcuts popover is open. */
  helpOpen: boolean;
  /** Click selects `id` alone; with `add`, toggles it in the selection. */
  select(id: string, add: boolean): void;
  /** Forget the selection (Escape, or after a delete). */
  clearSelection(): void;
  /** Set the in or out mark at `ms`. */
  mark(which: "in" | "out", ms: number): void;
  /** Remove both marks. */
  clearMarks(): void;
  /** Open or close the shortcuts popover. */
  setHelp(open: boolean): void;
}

export const useTimelineStore = create<TimelineState>((set) => ({
  selected: [],
  markIn: null,
  markOut: null,
  helpOpen: false,
  select(id, add) {
    set((s) => ({
      selected: add
        ? s.selected.includes(id)
          ? s.selected.filter((x) => x !== id)
          : [...s.selected, id]
        : [id],
    }));
  },
  clearSelection() {
    set({ selected: [] });
  },
  mark(which, ms) {
    set(which === "in" ? { markIn: Math.round(ms) } : { markOut: Math.round(ms) });
  },
  clearMarks() {
    set({ markIn: null, markOut: null });
  },
  setHelp(open) {
    set({ helpOpen: open });
  },
}));
