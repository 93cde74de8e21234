import "server-only";
import { creditsText } from "@/lib/credits/credits-text";
import { AppError } from "@/lib/errors";
import type { ChatEvent } from "@/lib/events/schema";
import { summarizeDraft } from "@/lib/draft/summarize-draft";
import type { ExportPreset } from "@/lib/plan/schema";
import type { ExportJob } from "@/lib/export/schema";
import type { Backend, Caller } from "../types";
import { bearer, fetchState, ownProject, type CloudState, type NemoContext } from "./nemo-context";
import { networkError } from "./nemo-errors";
import { readNemoStream } from "./parse-nemo-stream";
import { createSentenceBuffer, translateGui, TIMELINE_SAY, type GuiAction } from "./translate-gui";
import { describeDraftChange } from "./describe-draft-change";
import { presetFromMessage, routeIntent, type DirectIntent } from "./route-intent";

// One chat turn against /run_sse: the reply goes to the browser as it arrives (sentence
// by sentence, after GUI translation), tool calls become compact steps, keep-alives
// become heartbeats. After the stream closes the state is fetched; a silent turn (no
// text) is described from the draft diff. The message is sent exactly once: no retries.

export const EXPIRED =
  "Your NemoVideo sign-in expired, so this was not sent. Reload the page to reconnect, then send it again.";

export interface TurnOptions {
  /** Carry out GUI actions ("click Export" starts an export). Off for undo/redo/ops. */
  actions: boolean;
  /** Keep the exchange in the project's chat transcript. */
  record: boolean;
}

/** What a chat turn may call besides the agent. */
export interface ChatDeps {
  startExport(caller: Caller, preset: ExportPreset): Promise<ExportJob>;
  credits: Backend["credits"];
}

function stepLabel(tool: string): string {
  const t = tool.toLowerCase();
  if (/caption|subtitle|transcri|speech/.test(t)) return "Adding captions...";
  if (/trim|cut|split|clip|silence/.test(t)) return "Cutting the video...";
  if (/music|audio|bgm|sound|voice/.test(t)) return "Working on the audio...";
  if (/text|title|font/.test(t)) return "Adding text...";
  if (/render|export/.test(t)) return "Preparing the export...";
  if (/upload|media|analy|video_info|understand/.test(t)) return "Looking at your media...";
  return "Editing the timeline...";
}

export function nemoChatPart(ctx: NemoContext, deps: ChatDeps) {
  async function* turn(
    caller: Caller,
    message: string,
    opts: TurnOptions,
  ): AsyncGenerator<ChatEvent> {
    const project = ownProject(ctx, caller);
    // Errors before anything is sent are thrown: the route answers them like any request.
    const before: CloudState = await fetchState(ctx, caller, project, true);
    ctx.store().noteDraft(caller.sessionId, JSON.stringify(before.draft));
    const started = ctx.now();
    const res = await ctx.client
      .open({
        method: "POST",
        path: "/run_sse",
        token: bearer(ctx, caller),
        accept: "text/event-stream",
        json: {
          app_name: "nemo_agent",
          user_id: "me",
          session_id: caller.sessionId,
          new_message: { role: "user", parts: [{ text: message }] },
        },
        signal: caller.signal,
        timeoutMs: ctx.settings.chatTimeoutMs,
        what: "sending your message",
        bindId: project.taskId ?? caller.sessionId,
      })
      .catch((err: unknown) => {
        // The message may have gone out: a thrown 1001 would let a route declared
        // `replay: "rerun"` (the state routes, session-route.ts) send it a second time
        // (into a new cloud session). Reported as an event instead, never thrown.
        if (err instanceof AppError && err.code === 1001) return null;
        throw err;
      });
    if (!res) {
      yield { type: "error", code: 1001, message: EXPIRED };
      yield { type: "done" };
      return;
    }
    if (opts.record) ctx.store().messages.append(caller.sessionId, "user", message);

    const sentences = createSentenceBuffer();
    const actions = new Set<GuiAction>();
    const open: string[] = [];
    let shown = "";
    let steps = 0;
    let failed = false;

    const say = function* (chunks: string[]): Generator<ChatEvent> {
      for (const chunk of chunks) {
        if (!chunk) continue;
        const t = translateGui(chunk);
        t.actions.forEach((a) => actions.add(a));
        if (!t.text) continue;
        shown += t.text;
        yield { type: "text", delta: t.text };
      }
    };

    try {
      for await (const item of readNemoStream(res.body!)) {
        if (item.kind === "text") yield* say(sentences.push(item.text));
        else if (item.kind === "heartbeat") {
          // A pause upstream: show what is held back instead of sitting on it.
          yield* say([sentences.flush()]);
          yield { type: "heartbeat", elapsedMs: ctx.now() - started };
        } else if (item.kind === "tool_call") {
          yield* say([sentences.flush()]);
          const id = `nemo-step-${++steps}`;
          open.push(id);
          yield { type: "step", id, label: stepLabel(item.name), status: "running" };
        } else if (item.kind === "tool_result") {
          const id = open.shift();
          if (id) yield { type: "step", id, label: stepLabel(item.name), status: "done" };
        } else if (item.kind === "error") {
          yield* say([sentences.flush()]);
          failed = true;
          const mapped = item.code
            ? ctx.client.mapError(
                200,
                { code: item.code, message: item.message },
                project.taskId ?? caller.sessionId,
              )
            : null;
          // The event has no details field: a registration link goes into the sentence.
          const link =
            typeof mapped?.details?.registerUrl === "string"
              ? ` ${mapped.details.registerUrl}`
              : "";
          yield {
            type: "error",
            code: mapped?.code ?? "upstream",
            message: mapped
              ? mapped.message + link
              : `NemoVideo could not finish this edit${item.message ? ` ("${item.message.slice(0, 200)}")` : ""}. Your message was not sent again; check the timeline and rephrase if needed.`,
          };
        }
      }
      yield* say([sentences.flush()]);
    } catch (err) {
      if (caller.signal.aborted) return; // the browser left: nobody to tell, upstream already aborted
      yield* say([sentences.flush()]);
      failed = true;
      const e = networkError(err, "NemoVideo was replying", false);
      yield {
        type: "error",
        code: e.code,
        message:
          e.code === "timeout"
            ? "NemoVideo did not finish within 15 minutes. The message was not sent again: check the timeline below, and ask again if the edit is missing."
            : "The connection to NemoVideo dropped before the reply finished. The message was not sent again: check the timeline below, and ask again if the edit is missing.",
      };
    }
    for (const id of open)
      yield {
        type: "step",
        id,
        label: "Editing the timeline...",
        status: failed ? "failed" : "done",
      };

    // The stream closing is the end of the turn: look at what it did.
    let after: CloudState | null = null;
    try {
      after = await fetchState(ctx, { ...caller, signal: AbortSignal.timeout(30_000) }, project);
    } catch (err) {
      const e = err instanceof AppError ? err : networkError(err, "loading your timeline", false);
      yield { type: "error", code: e.code, message: e.message };
    }
    if (after) {
      const version = ctx.store().noteDraft(caller.sessionId, JSON.stringify(after.draft));
      const summary =
        summarizeDraft(after.draft) + (after.notes.length ? ` (${after.notes.join(" ")})` : "");
      const change = describeDraftChange(before.draft, after.draft);
      if (change) yield { type: "draft", draft: after.draft, summary, version };
      if (!shown.trim() && !failed) {
        const text =
          change ??
          'NemoVideo finished without changing the timeline. Try describing the edit more precisely, for example "trim the first 3 seconds".';
        shown += text;
        yield { type: "text", delta: text };
      }
      if (actions.has("timeline")) {
        const text = `${shown.trim() ? "\n" : ""}${TIMELINE_SAY} ${summary}`;
        shown += text;
        yield { type: "text", delta: text };
      }
    }
    if (opts.actions && actions.has("export") && !failed) {
      try {
        const job = await deps.startExport(caller, presetFromMessage(message));
        yield { type: "export", job };
      } catch (err) {
        const e = err instanceof AppError ? err : networkError(err, "starting your export", false);
        const link = typeof e.details?.registerUrl === "string" ? ` ${e.details.registerUrl}` : "";
        yield { type: "error", code: e.code, message: e.message + link };
      }
    }
    if (opts.record && shown.trim())
      ctx.store().messages.append(caller.sessionId, "assistant", shown.trim());
    ctx.store().setCanRedo(caller.sessionId, false);
    yield { type: "done" };
  }

  /** "export" / "credits" / "status" alone: the endpoint answers, the agent is not asked. */
  async function* direct(
    caller: Caller,
    message: string,
    intent: DirectIntent,
  ): AsyncGenerator<ChatEvent> {
    const project = ownProject(ctx, caller);
    ctx.store().messages.append(caller.sessionId, "user", message);
    let text: string;
    try {
      if (intent.kind === "export") {
        const job = await deps.startExport(caller, intent.preset);
        yield { type: "export", job };
        text =
          "Exporting your video through NemoVideo now; the download link appears here when it is ready.";
      } else if (intent.kind === "credits") {
        const credits = await deps.credits(caller);
        yield { type: "credits", credits };
        text = creditsText(credits);
      } else {
        const state = await fetchState(ctx, caller, project);
        const version = ctx.store().noteDraft(caller.sessionId, JSON.stringify(state.draft));
        const summary = summarizeDraft(state.draft);
        yield { type: "draft", draft: state.draft, summary, version };
        text = summary;
      }
    } catch (err) {
      const e = err instanceof AppError ? err : networkError(err, "answering", false);
      const link = typeof e.details?.registerUrl === "string" ? ` ${e.details.registerUrl}` : "";
      text = e.message + link;
      yield { type: "error", code: e.code, message: text };
      ctx.store().messages.append(caller.sessionId, "assistant", text);
      yield { type: "done" };
      return;
    }
    yield { type: "text", delta: text };
    ctx.store().messages.append(caller.sessionId, "assistant", text);
    yield { type: "done" };
  }

  const chat: Backend["chat"] = (caller, message) => {
    const intent = routeIntent(message);
    return intent
      ? direct(caller, message, intent)
      : turn(caller, message, { actions: true, record: true });
  };
  return { chat, turn };
}
