// Speech recognition behind one interface. Engines: whisper.cpp (Node binding),
// any OpenAI-compatible /v1/audio/transcriptions endpoint, Debian's pocketsphinx.

/** One recognised word; times in ms from the start of the audio given. */
export interface TimedWord {
  w: string;
  s: number;
  e: number;
  /** 0..1 when the engine reports it. */
  p?: number;
}

export interface Transcript {
  /** Which engine made it, e.g. "whisper.cpp (base.en)" or "pocketsphinx 5". Shown to the user. */
  engine: string;
  language: string;
  words: TimedWord[];
  /** Sentences for the reply when a better engine could not run and this one stood in. */
  notes?: string[];
}

export interface TranscribeOptions {
  /** The language asked for; absent: the engine detects it when it can (multilingual whisper). */
  language?: string;
  signal?: AbortSignal;
  /** Progress of a first-use model download, of pulling the sound out, or of the recognition, 0..1. */
  onProgress?: (p: { stage: "download" | "extract" | "transcribe"; ratio: number | null }) => void;
}

export interface Transcriber {
  /** Stable id: "whisper", "openai", "pocketsphinx". */
  readonly id: string;
  /** What the reply calls it before it has run, e.g. "whisper.cpp (base.en)". */
  readonly label?: string;
  /** False for languages the engine cannot recognise (pocketsphinx: English only). */
  supportsLanguage?(language: string): boolean;
  /** Can it run here now (binary or model present, endpoint configured)? */
  available(): Promise<boolean>;
  /** Transcribes a 16 kHz mono WAV file. */
  transcribe(wavPath: string, opts?: TranscribeOptions): Promise<Transcript>;
}
