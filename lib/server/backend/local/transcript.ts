import "server-only";
import { videoClips } from "@/lib/draft/tracks";
import { AppError } from "@/lib/errors";
import type { Engine } from "@/lib/engine/create-engine";
import { energyCacheDir, measureEnergy } from "@/lib/engine/analysis/audio-energy";
import type { StoredAnalysisDeps } from "@/lib/engine/transcript-edit/stored-analysis";
import {
  buildTranscriptView,
  type SourceWords,
} from "@/lib/engine/transcript-edit/transcript-view";
import type { MediaRecord } from "@/lib/engine/media/types";
import type { Backend, Caller } from "../types";

// The transcript panel on the local engine: the view of the timeline's words from the
// transcripts already made, and "Transcribe" for clips that have none yet (recognition
// runs here, with the request's signal, and the loudness for clean cuts is measured
// while we are at it).

export function storedAnalysisDeps(engine: Engine): StoredAnalysisDeps {
  return {
    cachedTranscript: (mediaId) => engine.transcripts.cached(mediaId),
    measureEnergy: (media, opts) =>
      measureEnergy(media, {
        ...opts,
        ffmpegPath: engine.config.ffmpegPath,
        cacheDir: energyCacheDir(engine.config),
      }),
  };
}

export function localTranscriptPart(engine: Engine): Pick<Backend, "transcript" | "transcribe"> {
  function load(caller: Caller) {
    const { session } = engine.forCaller(caller.token, caller.sessionId);
    const current = engine.drafts.current(session.id);
    const srcs = new Set(videoClips(current.draft).map((c) => c.src));
    const media = engine.media.list(session.id).filter((m) => srcs.has(m.id));
    return { current, media };
  }

  function view(current: ReturnType<typeof load>["current"], media: MediaRecord[]) {
    const sources: Record<string, SourceWords | undefined> = {};
    for (const m of media) {
      const t = m.probe.hasAudio ? engine.transcripts.cached(m.id) : null;
      if (t) sources[m.id] = { words: t.words, engine: t.engine };
    }
    const list = media.map((m) => ({
      id: m.id,
      name: m.name,
      hasAudio: m.probe.hasAudio && m.kind !== "image",
    }));
    return buildTranscriptView(current.draft, current.version, sources, list);
  }

  return {
    async transcript(caller) {
      const { current, media } = load(caller);
      return view(current, media);
    },
    async transcribe(caller) {
      const { media } = load(caller);
      const todo = media.filter(
        (m) => m.probe.hasAudio && m.kind !== "image" && !engine.transcripts.cached(m.id),
      );
      if (media.length === 0)
        throw new AppError(
          "validation",
          "Add a clip to the timeline first: there is nothing to transcribe.",
        );
      for (const m of todo) {
        await engine.transcripts.get(m, { signal: caller.signal });
        await storedAnalysisDeps(engine)
          .measureEnergy(m, { signal: caller.signal })
          .catch(() => null);
      }
      const fresh = load(caller);
      return view(fresh.current, fresh.media);
    },
  };
}
