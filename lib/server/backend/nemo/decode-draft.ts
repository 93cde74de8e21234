import "server-only";
import type { z } from "zod";
import {
  audioSegmentSchema,
  draftDuration,
  draftMetaSchema,
  emptyDraft,
  textSegmentSchema,
  trackMetaSchema,
  videoSegmentSchema,
  TRACK_AUDIO,
  TRACK_TEXT,
  TRACK_VIDEO,
  type Draft,
  type Track,
} from "@/lib/draft/schema";

// The cloud's draft (`t`, `tt`, `sg`, `d`, `m`) into our timeline. NemoVideo does not
// publish its segment fields, so this is defensive: unknown fields pass through, known
// fields are coerced (numeric strings, seconds-vs-ms names, out-of-range enums dropped
// back to their defaults). A segment whose source or text we can read but whose timing
// we cannot (fields we do not know, e.g. `s`/`e`) is still shown, in its order, with a
// placeholder length and marked `timing: "unknown"`; only a segment with nothing we can
// read is skipped with a note. The decoded draft is for showing: renders get the raw one.

type Json = Record<string, unknown>;

export interface DecodedDraft {
  draft: Draft;
  /** Plain-words notes about what could not be shown. */
  notes: string[];
}

const SEGMENTS: Record<number, z.ZodType> = {
  [TRACK_VIDEO]: videoSegmentSchema,
  [TRACK_AUDIO]: audioSegmentSchema,
  [TRACK_TEXT]: textSegmentSchema,
};

function num(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}
const ms = (v: unknown) => {
  const n = num(v);
  return n === undefined ? undefined : Math.max(0, Math.round(n));
};
const pick = (o: Json, ...keys: string[]) =>
  keys.map((k) => o[k]).find((v) => v !== undefined && v !== null);

/** Parses with a schema, dropping fields whose value is out of range (defaults take over). */
function lenientParse<T>(schema: z.ZodType<T>, value: Json, required: Set<string>): T | null {
  const candidate = { ...value };
  for (let i = 0; i < 12; i++) {
    const r = schema.safeParse(candidate);
    if (r.success) return r.data;
    const keys = new Set(r.error.issues.map((iss) => String(iss.path[0] ?? "")));
    if ([...keys].some((k) => k === "" || required.has(k) || !(k in candidate))) return null;
    for (const k of keys) delete candidate[k];
  }
  return null;
}

function coerceSegment(tt: number, raw: Json, id: string): Json {
  const seg: Json = { ...raw };
  seg.id = String(pick(raw, "id", "segment_id", "sid") ?? id);
  const st = ms(pick(raw, "st", "start", "start_ms"));
  const inPoint = ms(pick(raw, "in", "in_ms", "source_start"));
  const outPoint = ms(pick(raw, "out", "out_ms", "source_end"));
  const speed = num(raw.speed) ?? 1;
  let d = ms(pick(raw, "d", "duration", "dur", "duration_ms"));
  if (d === undefined && inPoint !== undefined && outPoint !== undefined)
    d = Math.round((outPoint - inPoint) / speed);
  seg.st = st ?? 0;
  if (d !== undefined) seg.d = d;
  if (tt === TRACK_TEXT) {
    const text = pick(raw, "text", "content", "txt", "title");
    if (typeof text === "string") seg.text = text.slice(0, 500);
    const size = num(raw.size);
    if (size !== undefined && size > 1) seg.size = size / 1080; // pixels at 1080p -> fraction
  } else {
    const src = pick(raw, "src", "media_id", "mediaId", "url", "cdn_url", "source");
    if (src !== undefined) seg.src = String(src);
    seg.in = inPoint ?? 0;
    if (outPoint !== undefined) seg.out = outPoint;
    else if (d !== undefined) seg.out = (inPoint ?? 0) + Math.round(d * speed);
    const volume = num(raw.volume);
    if (volume !== undefined) seg.volume = volume > 4 ? volume / 100 : volume; // "35" meaning 35%
    if (typeof seg.name !== "string" && typeof raw.title === "string") seg.name = raw.title;
  }
  for (const k of ["speed", "fadeIn", "fadeOut", "transitionIn"])
    if (k in raw && num(raw[k]) !== undefined) seg[k] = num(raw[k]);
  return seg;
}

const REQUIRED = new Set(["id", "st", "d", "src", "out", "text"]);

/** Length shown for a segment whose timing we cannot read (the cloud keeps the real one). */
export const UNKNOWN_TIMING_MS = 5_000;
export const TIMING_UNKNOWN = "timing unknown";

/** Field names coerceSegment reads, per alias; the rest of a segment's fields are the cloud's own. */
const KNOWN_FIELDS = new Set([
  ...Object.keys(videoSegmentSchema.shape),
  ...Object.keys(audioSegmentSchema.shape),
  ...Object.keys(textSegmentSchema.shape),
  "segment_id",
  "sid",
  "start",
  "start_ms",
  "in_ms",
  "source_start",
  "out_ms",
  "source_end",
  "duration",
  "dur",
  "duration_ms",
  "content",
  "txt",
  "title",
  "media_id",
  "mediaId",
  "url",
  "cdn_url",
  "source",
]);

/** "clip.mp4 (timing unknown)": the timeline and the summary show the mark with the name. */
export function unknownTimingName(name: string | undefined): string {
  return `${name ?? "clip"} (${TIMING_UNKNOWN})`;
}

/**
 * A segment we could not parse, when it still says what it shows (a source or a text):
 * placed after the previous one with a placeholder length, marked `timing: "unknown"`.
 */
function placeholderSegment(tt: number, seg: Json, cursor: number): Json | null {
  const hasContent =
    tt === TRACK_TEXT
      ? typeof seg.text === "string" && seg.text.trim() !== ""
      : seg.src !== undefined && String(seg.src) !== "";
  if (!hasContent || (typeof seg.d === "number" && seg.d > 0)) return null;
  const placed: Json = { ...seg, st: cursor, d: UNKNOWN_TIMING_MS, timing: "unknown" };
  if (tt !== TRACK_TEXT) {
    placed.in = 0;
    placed.out = UNKNOWN_TIMING_MS;
    placed.name = unknownTimingName(
      typeof seg.name === "string" ? seg.name : sourceName(String(seg.src)),
    );
  }
  return placed;
}

/** "https://cdn/x/talk.mp4?sig=1" -> "talk.mp4"; an id stays as it is. */
function sourceName(src: string): string {
  try {
    const base = new URL(src).pathname.split("/").filter(Boolean).at(-1);
    return base ? decodeURIComponent(base) : src;
  } catch {
    return src;
  }
}

/** How many segments the cloud's draft holds, whether or not we can read them. */
export function countRawSegments(input: unknown): number {
  let raw = input;
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch {
      return 0;
    }
  }
  if (!raw || typeof raw !== "object") return 0;
  const r = raw as Json;
  const tracks = Array.isArray(r.t) ? r.t : Array.isArray(r.tracks) ? r.tracks : [];
  let n = 0;
  for (const t of tracks) {
    if (!t || typeof t !== "object") continue;
    const segs = (t as Json).sg ?? (t as Json).segments;
    if (Array.isArray(segs)) n += segs.filter((s) => s && typeof s === "object").length;
  }
  return n;
}

function aspectOf(w: number, h: number): string | undefined {
  const r = w / h;
  const known: [string, number][] = [
    ["16:9", 16 / 9],
    ["9:16", 9 / 16],
    ["1:1", 1],
    ["4:5", 4 / 5],
  ];
  return known.find(([, v]) => Math.abs(v - r) < 0.02)?.[0];
}

export function decodeDraft(input: unknown, title = "Untitled project"): DecodedDraft {
  let raw = input;
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch {
      return { draft: emptyDraft(title), notes: ["The cloud timeline could not be read."] };
    }
  }
  if (!raw || typeof raw !== "object") return { draft: emptyDraft(title), notes: [] };
  const r = raw as Json;
  const notes: string[] = [];
  let skipped = 0;
  let unknownTiming = 0;
  const unknownFields = new Set<string>();
  const tracks: Track[] = [];
  const rawTracks = Array.isArray(r.t) ? r.t : Array.isArray(r.tracks) ? r.tracks : [];
  rawTracks.forEach((rt: unknown, ti: number) => {
    if (!rt || typeof rt !== "object") return;
    const t = rt as Json;
    const tt = num(pick(t, "tt", "type"));
    const schema = tt === undefined ? undefined : SEGMENTS[tt];
    if (!schema || tt === undefined) {
      notes.push(
        `A track of a kind this studio does not show (type ${String(t.tt ?? t.type)}) was left out of the view; it stays in the cloud project.`,
      );
      return;
    }
    const segs = Array.isArray(t.sg) ? t.sg : Array.isArray(t.segments) ? t.segments : [];
    const sg: { st: number; d: number }[] = [];
    segs.forEach((s: unknown, si: number) => {
      if (!s || typeof s !== "object") {
        skipped++;
        return;
      }
      const coerced = coerceSegment(tt, s as Json, `seg_${ti}_${si}`);
      let parsed = lenientParse(schema, coerced, REQUIRED) as { st: number; d: number } | null;
      if (!parsed) {
        const prev = sg.at(-1);
        const placed = placeholderSegment(tt, coerced, prev ? prev.st + prev.d : 0);
        parsed = placed
          ? (lenientParse(schema, placed, REQUIRED) as { st: number; d: number } | null)
          : null;
        if (parsed) {
          unknownTiming++;
          for (const k of Object.keys(s as Json)) if (!KNOWN_FIELDS.has(k)) unknownFields.add(k);
        }
      }
      if (parsed) sg.push(parsed);
      else skipped++;
    });
    const m =
      lenientParse(
        trackMetaSchema,
        (t.m && typeof t.m === "object" ? t.m : {}) as Json,
        new Set(),
      ) ?? {};
    tracks.push({ tt, sg, m } as Track);
  });
  if (unknownTiming) {
    const fields = unknownFields.size
      ? ` (unknown fields: ${[...unknownFields].slice(0, 6).join(", ")})`
      : "";
    notes.push(
      `${unknownTiming} segment${unknownTiming === 1 ? "" : "s"} from the cloud ${unknownTiming === 1 ? "has" : "have"} timing this studio cannot read${fields}: ` +
        `${unknownTiming === 1 ? "it is" : "they are"} shown in order, marked "${TIMING_UNKNOWN}", with a placeholder length. Exports use the cloud's own timeline, so the real timing is kept.`,
    );
  }
  if (skipped)
    notes.push(
      `${skipped} segment${skipped === 1 ? "" : "s"} from the cloud could not be shown and ${skipped === 1 ? "was" : "were"} left out of the view.`,
    );

  const rawMeta = (r.m && typeof r.m === "object" ? { ...(r.m as Json) } : {}) as Json;
  const w = num(rawMeta.width);
  const h = num(rawMeta.height);
  if (w && h) {
    rawMeta.width = Math.round(w);
    rawMeta.height = Math.round(h);
    if (rawMeta.aspect === undefined) rawMeta.aspect = aspectOf(w, h);
  }
  if (typeof rawMeta.title !== "string" || !rawMeta.title) rawMeta.title = title;
  const meta =
    lenientParse(draftMetaSchema, rawMeta, new Set()) ?? draftMetaSchema.parse({ title });
  const d = Math.max(ms(r.d) ?? 0, draftDuration(tracks));
  return { draft: { t: tracks, d, m: meta }, notes };
}

export interface KnownMedia {
  id: string;
  url: string;
  hash: string;
  name: string;
}

/**
 * The cloud names a segment's source its own way (a CDN URL or a file hash); the studio
 * finds media by our ids. Segments whose source is a known upload point at its id (the
 * cloud's value stays in `cloudSrc`); the draft sent to a render is the cloud's own.
 */
export function linkMedia(draft: Draft, media: KnownMedia[]): Draft {
  const byKey = new Map<string, KnownMedia>();
  for (const m of media) for (const key of [m.url, m.hash, m.id]) if (key) byKey.set(key, m);
  if (!byKey.size) return draft;
  const t = draft.t.map((track) => {
    if (track.tt === TRACK_TEXT) return track;
    const sg = track.sg.map((seg) => {
      const m = byKey.get(seg.src);
      if (!m || m.id === seg.src) return seg;
      // A segment of unknown timing was named after its source's URL: our upload's name is better.
      const name =
        (seg as { timing?: unknown }).timing === "unknown"
          ? unknownTimingName(m.name)
          : (seg.name ?? m.name);
      return { ...seg, src: m.id, name, cloudSrc: seg.src };
    });
    return { ...track, sg } as Track;
  });
  return { ...draft, t };
}
