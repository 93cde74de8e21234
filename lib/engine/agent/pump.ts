import type { TurnEvent } from "./turn-event";

// Runs one piece of long work (analysis, transcription, an export) while the chat stream
// keeps talking: events the work emits are passed on as they happen, and a heartbeat
// goes out every `heartbeatMs` so the browser (and any proxy) knows we are alive.

export interface PumpOptions {
  heartbeatMs: number;
  /** When the turn started, for the heartbeat's elapsed time. */
  startedAt: number;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function* pump<T>(
  work: (emit: (e: TurnEvent) => void) => Promise<T>,
  o: PumpOptions,
): AsyncGenerator<TurnEvent, T> {
  const queue: TurnEvent[] = [];
  const state: { outcome?: Outcome<T>; wake?: () => void } = {};
  const notify = () => {
    const w = state.wake;
    state.wake = undefined;
    w?.();
  };
  work((e) => {
    queue.push(e);
    notify();
  }).then(
    (value) => {
      state.outcome = { ok: true, value };
      notify();
    },
    (error: unknown) => {
      state.outcome = { ok: false, error };
      notify();
    },
  );
  let lastBeat = Date.now();
  for (;;) {
    while (queue.length) yield queue.shift()!;
    const outcome = state.outcome;
    if (outcome) {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    const wait = Math.max(0, o.heartbeatMs - (Date.now() - lastBeat));
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      state.wake = resolve;
      timer = setTimeout(resolve, wait);
    });
    clearTimeout(timer);
    if (Date.now() - lastBeat >= o.heartbeatMs) {
      lastBeat = Date.now();
      yield { type: "heartbeat", elapsedMs: Date.now() - o.startedAt };
    }
  }
}

/** A reply streamed in small pieces, the way a person reads it appear. */
export function* pieces(text: string, words = 4): Generator<TurnEvent> {
  const parts = text.match(/\s*\S+\s*/g) ?? [];
  for (let i = 0; i < parts.length; i += words)
    yield { type: "text", delta: parts.slice(i, i + words).join("") };
}
