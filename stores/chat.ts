import { create } from "zustand";
import type { ChatEvent } from "@/lib/events/schema";
import type { ChatMessageView } from "@/lib/state/schema";

// The conversation as the chat panel shows it: saved history plus the live reply.

export const STILL_WORKING_AFTER_MS = 120_000;

export interface ChatStep {
  id: string;
  label: string;
  status: "running" | "done" | "failed";
  /** Long analysis: how far it is (0..1) and the seconds left (null until it can be told). */
  progress?: { ratio: number; etaSeconds: number | null };
}

export interface ChatEntry {
  id: string;
  role: "user" | "assistant";
  text: string;
  steps: ChatStep[];
  tips: string[];
  /** Answers offered by a clarifying question ("remove 2:10-2:18" / "keep only 2:10-2:18"). */
  choices: string[];
  error: { code: number | string; message: string } | null;
  /** True while this reply is still streaming. */
  pending: boolean;
}

interface ChatState {
  /** Messages in order, oldest first. */
  entries: ChatEntry[];
  /** A reply is streaming. */
  streaming: boolean;
  /** No text for two minutes while the work goes on: show "Still working...". */
  stillWorking: boolean;
  /** When the live reply last received text (ms since epoch). */
  lastTextAt: number;
  /** The project whose history is loaded, so a project switch reloads it. */
  loadedFor: string | null;
  /** Load a project's saved history (once per project). */
  hydrate(projectId: string, messages: ChatMessageView[]): void;
  /** Another project was opened: drop this conversation so the next history loads. */
  forget(): void;
  /** Show what the user sent. */
  addUser(text: string): void;
  /** Open an empty, pending reply; returns its id. */
  startAssistant(): string;
  /** Fold one stream event into the reply. */
  apply(id: string, event: ChatEvent, now?: number): void;
  /** Attach an error sentence to the reply. */
  fail(id: string, code: number | string, message: string): void;
  /** The reply is over: settle its steps and stop streaming. */
  finish(id: string): void;
}

let seq = 0;
const nextId = (p: string) => `${p}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

function blank(role: ChatEntry["role"], text = "", pending = false): ChatEntry {
  return { id: nextId(role), role, text, steps: [], tips: [], choices: [], error: null, pending };
}

/** How one stream event changes the reply it belongs to. */
export function reduceEntry(entry: ChatEntry, event: ChatEvent): ChatEntry {
  switch (event.type) {
    case "text":
      return { ...entry, text: entry.text + event.delta };
    case "step": {
      const i = entry.steps.findIndex((s) => s.id === event.id);
      const step: ChatStep = { id: event.id, label: event.label, status: event.status };
      if (event.progress && event.status === "running") step.progress = event.progress;
      const steps =
        i < 0 ? [...entry.steps, step] : entry.steps.map((s, j) => (j === i ? step : s));
      return { ...entry, steps };
    }
    case "tip":
      return entry.tips.includes(event.text)
        ? entry
        : { ...entry, tips: [...entry.tips, event.text] };
    case "plan":
      return event.plan.intent === "clarify" && event.plan.choices?.length
        ? { ...entry, choices: event.plan.choices }
        : entry;
    case "error":
      return { ...entry, error: { code: event.code, message: event.message } };
    case "done":
      return {
        ...entry,
        pending: false,
        steps: entry.steps.map((s) => (s.status === "running" ? { ...s, status: "done" } : s)),
      };
    default:
      return entry;
  }
}

export const useChatStore = create<ChatState>((set, get) => ({
  entries: [],
  streaming: false,
  stillWorking: false,
  lastTextAt: 0,
  loadedFor: null,
  hydrate(projectId, messages) {
    const s = get();
    if (s.loadedFor === projectId) return;
    // Messages sent before the history arrived stay, after it.
    const early = s.loadedFor === null ? s.entries : [];
    set({
      loadedFor: projectId,
      entries: [...messages.map((m) => blank(m.role, m.content)), ...early],
    });
  },
  forget() {
    set({ loadedFor: null, entries: [] });
  },
  addUser(text) {
    set((s) => ({ entries: [...s.entries, blank("user", text)] }));
  },
  startAssistant() {
    const entry = blank("assistant", "", true);
    set((s) => ({
      entries: [...s.entries, entry],
      streaming: true,
      stillWorking: false,
      lastTextAt: Date.now(),
    }));
    return entry.id;
  },
  apply(id, event, now = Date.now()) {
    set((s) => {
      const entries = s.entries.map((e) => (e.id === id ? reduceEntry(e, event) : e));
      if (event.type === "text") return { entries, lastTextAt: now, stillWorking: false };
      if (event.type === "heartbeat") {
        return {
          entries,
          stillWorking:
            now - s.lastTextAt >= STILL_WORKING_AFTER_MS ||
            event.elapsedMs >= STILL_WORKING_AFTER_MS,
        };
      }
      return { entries };
    });
  },
  fail(id, code, message) {
    set((s) => ({
      entries: s.entries.map((e) =>
        e.id === id ? reduceEntry(e, { type: "error", code, message }) : e,
      ),
    }));
  },
  finish(id) {
    set((s) => ({
      entries: s.entries.map((e) =>
        e.id !== id
          ? e
          : {
              ...reduceEntry(e, { type: "done" }),
              steps: e.steps.map((st) =>
                st.status === "running" ? { ...st, status: e.error ? "failed" : "done" } : st,
              ),
            },
      ),
      streaming: false,
      stillWorking: false,
    }));
  },
}));
