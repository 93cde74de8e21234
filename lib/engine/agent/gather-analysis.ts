import { AppError } from "@/lib/errors";
import type { Draft } from "@/lib/draft/schema";
import { segmentsOf, videoTrack, videoTracks } from "@/lib/draft/tracks";
import type { TurnEvent } from "./turn-event";
import type { Op, Target } from "@/lib/plan/schema";
import { createProgressMeter } from "../analysis/progress-meter";
import type { MediaRecord } from "../media/types";
import { analysisNeeds } from "../ops/analysis-needs";
import type { MediaAnalysis } from "../ops/types";
import type { AgentDeps } from "./agent-deps";
import { STEP_SENTENCES } from "./step-sentences";
import { pump } from "./pump";

// The media-aware part of a turn: runs only the analysis the plan's ops need (speech for
// captions and filler words, the opening for "trim the intro", pauses for "remove the
// pauses"), each as a visible step, and returns it keyed by media id for OpContext.

export interface GatheredAnalysis {
  analysis: Record<string, MediaAnalysis>;
  /** Sentences for the reply: "Speech starts at 3.1 s; I cut the first 3.0 s." */
  notes: string[];
}

interface Turn {
  deps: AgentDeps;
  signal?: AbortSignal;
  startedAt: number;
  /** The language the request was written in: a Chinese request hints at Chinese speech. */
  requestLang?: "en" | "zh";
}

/** Media on the main track, in order (or every visual upload when the timeline is still empty). */
function clipMedia(draft: Draft, media: MediaRecord[]): MediaRecord[] {
  const srcs = videoTracks(draft).flatMap((t) => segmentsOf(t).map((s) => s.src));
  const ids = srcs.length
    ? [...new Set(srcs)]
    : media.filter((m) => m.kind !== "audio").map((m) => m.id);
  return ids
    .map((id) => media.find((m) => m.id === id))
    .filter((m): m is MediaRecord => Boolean(m));
}

function targeted(clips: MediaRecord[], target: Target, draft: Draft): MediaRecord[] {
  if (target === undefined || target === "all") return clips;
  if ("mediaId" in target)
    return clips.filter((m) => m.id === target.mediaId || m.name === target.mediaId);
  const main = videoTrack(draft);
  const src = (main && segmentsOf(main)[target.index]?.src) ?? clips[target.index]?.id;
  return clips.filter((m) => m.id === src);
}

/**
 * Running step events carrying percent done and time left, for work that takes minutes on
 * an hour of media; at most one a second so the stream stays light. `weights`: each
 * stage's share of the whole (pulling the sound out is quick next to recognising it).
 */
function stepProgress(
  emit: (e: TurnEvent) => void,
  id: string,
  label: string,
  weights: Record<string, number> = { pass: 1 },
) {
  const meter = createProgressMeter({ weights });
  return (stage: string, ratio: number | null) => {
    const progress = meter.report(stage, ratio);
    if (progress) emit({ type: "step", id, label, status: "running", progress });
  };
}

/**
 * pocketsphinx only knows English: when the request was written in Chinese (so the speech
 * may well be Chinese) and it made the captions, the reply says so plainly, in Chinese.
 */
export function speechNotes(
  transcript: { engine: string; language: string },
  asked: string | undefined,
  requestLang: "en" | "zh" | undefined,
): string[] {
  if (!/pocketsphinx/i.test(transcript.engine) || asked !== undefined || requestLang !== "zh")
    return [];
  return [
    "这些字幕由 pocketsphinx（离线引擎）生成，它只能识别英语：如果视频里说的是中文，字幕会是错的。联网后再试一次，会先下载一次 whisper 多语言模型（约 148 MB）来生成中文字幕；或把 WHISPER_MODEL 设为一个 ggml 模型文件，或上传 .srt 字幕。",
  ];
}

/**
 * Why the preferred speech engine did not run (the transcript's notes) is written in English
 * by the transcriber, with details (hosts, settings) for whoever runs the server. A Chinese
 * request gets the same fact in Chinese; the details stay in the server's own language.
 */
export function fallbackNotes(
  transcript: { engine: string; notes?: string[] },
  requestLang: "en" | "zh" | undefined,
): string[] {
  const notes = transcript.notes ?? [];
  if (requestLang !== "zh" || notes.length === 0) return notes;
  return [
    `首选的语音识别引擎这次没能运行（例如这台机器无法联网下载 whisper 模型），这些字幕改由 ${transcript.engine} 生成。`,
  ];
}

export async function* gatherAnalysis(
  ops: Op[],
  draft: Draft,
  media: MediaRecord[],
  t: Turn,
): AsyncGenerator<TurnEvent, GatheredAnalysis> {
  const analysis: Record<string, MediaAnalysis> = {};
  const notes: string[] = [];
  const say = STEP_SENTENCES[t.requestLang ?? "en"];
  const clips = clipMedia(draft, media);
  const wantWords = new Map<string, { media: MediaRecord; language?: string }>();
  const wantIntro = new Map<string, MediaRecord>();
  const wantSilences = new Map<string, MediaRecord>();
  const wantEnergy = new Map<string, MediaRecord>();
  for (const op of ops) {
    for (const need of analysisNeeds(op)) {
      if (need === "words") {
        for (const m of clips.filter((c) => c.probe.hasAudio))
          wantWords.set(m.id, {
            media: m,
            language: op.op === "captions" ? op.language : undefined,
          });
      } else if (need === "energy") {
        for (const m of clips.filter((c) => c.probe.hasAudio && c.kind !== "image"))
          wantEnergy.set(m.id, m);
      } else if (need === "silences") {
        for (const m of clips.filter((c) => c.probe.hasAudio)) wantSilences.set(m.id, m);
      } else if (need === "contentStartMs" && op.op === "trim") {
        const picked =
          op.target === undefined ? clips.slice(0, 1) : targeted(clips, op.target, draft);
        for (const m of picked.filter((c) => c.kind !== "image")) wantIntro.set(m.id, m);
      }
    }
  }
  const slot = (id: string) => (analysis[id] ??= {});
  let n = 0;

  if (wantWords.size && !t.deps.transcribe) {
    throw new AppError(
      "unavailable",
      "Speech recognition is not set up on this server, so I can't make captions. Upload an SRT or VTT file instead.",
    );
  }
  if (
    wantWords.size === 0 &&
    ops.some(
      (o) =>
        o.op === "captions" ||
        o.op === "remove_fillers" ||
        o.op === "cut_words" ||
        o.op === "cut_text",
    )
  ) {
    throw new AppError(
      "validation",
      "None of the clips on the timeline has sound, so there is no speech to work with.",
    );
  }
  for (const { media: m, language } of wantWords.values()) {
    const id = `listen-${++n}`;
    const label = say.listening(m.name);
    yield { type: "step", id, label, status: "running" };
    try {
      const transcript = yield* pump(
        (emit) => {
          const moved = stepProgress(emit, id, label, { extract: 1, transcribe: 19 });
          return t.deps.transcribe!(m, {
            language,
            signal: t.signal,
            onProgress: (p) => {
              if (p.stage === "download")
                emit({
                  type: "step",
                  id,
                  label: say.fetchingModel(p.ratio !== null ? Math.round(p.ratio * 100) : null),
                  status: "running",
                });
              else moved(p.stage, p.ratio);
            },
          });
        },
        { heartbeatMs: t.deps.heartbeatMs, startedAt: t.startedAt },
      );
      Object.assign(slot(m.id), { words: transcript.words, transcriptEngine: transcript.engine });
      for (const note of [
        ...fallbackNotes(transcript, t.requestLang),
        ...speechNotes(transcript, language, t.requestLang),
      ])
        if (!notes.includes(note)) notes.push(note);
      const heard =
        transcript.language !== "en" && transcript.language !== "auto"
          ? `, ${transcript.language}`
          : "";
      yield {
        type: "step",
        id,
        label: say.heard(transcript.words.length, m.name, `${transcript.engine}${heard}`),
        status: "done",
      };
    } catch (err) {
      yield { type: "step", id, label: say.couldNotListen(m.name), status: "failed" };
      throw err;
    }
  }

  for (const m of wantIntro.values()) {
    const id = `intro-${++n}`;
    const label = say.detectingIntro(m.name);
    yield { type: "step", id, label, status: "running" };
    const words = analysis[m.id]?.words;
    let found;
    try {
      found = yield* pump(
        (emit) => {
          const moved = stepProgress(emit, id, label);
          return t.deps.findContentStart(m, {
            signal: t.signal,
            speechStartMs: words?.[0]?.s,
            onProgress: (r) => moved("pass", r),
          });
        },
        { heartbeatMs: t.deps.heartbeatMs, startedAt: t.startedAt },
      );
    } catch (err) {
      yield { type: "step", id, label: say.couldNotAnalyse(m.name), status: "failed" };
      throw err;
    }
    if (!found) {
      yield { type: "step", id, label: say.noIntro(m.name), status: "failed" };
      throw new AppError(
        "validation",
        `${m.name} starts with content right away: I found no silence, black or still frames at the start. Tell me how much to cut instead, e.g. "cut the first 3 seconds".`,
      );
    }
    Object.assign(slot(m.id), { contentStartMs: found.startMs, contentStartReason: found.reason });
    notes.push(
      say.introNote(found.findings, found.startMs, wantIntro.size > 1 ? m.name : undefined),
    );
    yield {
      type: "step",
      id,
      label: say.foundStart(m.name, found.reason, found.startMs),
      status: "done",
    };
  }

  for (const m of wantSilences.values()) {
    const id = `pauses-${++n}`;
    const label = say.measuringPauses(m.name);
    yield { type: "step", id, label, status: "running" };
    try {
      const silences = yield* pump(
        (emit) => {
          const moved = stepProgress(emit, id, label);
          return t.deps.findSilences(m, { signal: t.signal, onProgress: (r) => moved("pass", r) });
        },
        { heartbeatMs: t.deps.heartbeatMs, startedAt: t.startedAt },
      );
      slot(m.id).silences = silences;
      yield { type: "step", id, label: say.foundPauses(silences.length, m.name), status: "done" };
    } catch (err) {
      yield { type: "step", id, label: say.couldNotMeasurePauses(m.name), status: "failed" };
      throw err;
    }
  }
  if (wantEnergy.size && t.deps.measureEnergy) {
    const id = `energy-${++n}`;
    yield { type: "step", id, label: say.energy, status: "running" };
    try {
      for (const m of wantEnergy.values()) {
        const energy = yield* pump((_emit) => t.deps.measureEnergy!(m, { signal: t.signal }), {
          heartbeatMs: t.deps.heartbeatMs,
          startedAt: t.startedAt,
        });
        if (energy) slot(m.id).energy = energy;
      }
      yield { type: "step", id, label: say.energyDone, status: "done" };
    } catch (err) {
      // Snapping makes cuts cleaner, it is not what was asked: the cut goes ahead at the word times.
      if (err instanceof AppError && err.code === "cancelled") throw err;
      yield { type: "step", id, label: say.energyFailed, status: "failed" };
    }
  }
  return { analysis, notes };
}
