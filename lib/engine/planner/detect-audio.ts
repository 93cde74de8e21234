import type { Op } from "@/lib/plan/schema";
import { Clause, isAudioName, REMOVE_VERB, withTarget, type Detection } from "./clause";

// Rules for sound: mute, louder/quieter, levels, fades, background music, loudness.

const MUSIC = /\b(?:music|bgm|song|soundtrack|background track|beat)\b|背景音乐|音乐|配乐|歌/;
const VOICE =
  /\b(?:voice|speech|dialogue|original (?:audio|sound)|video(?:'s)? (?:audio|sound)|clip(?:'s)? (?:audio|sound))\b|原声|人声/;
const round2 = (n: number) => Math.round(n * 100) / 100;

function musicSource(c: Clause): { source?: string } | "none" {
  const named = c
    .clipRefs()
    .find(
      (r) =>
        ("fileName" in r && isAudioName(r.fileName)) ||
        ("mediaId" in r && c.ctx.media?.some((m) => m.id === r.mediaId && m.kind === "audio")),
    );
  if (named)
    return {
      source: "mediaId" in named ? named.mediaId : "fileName" in named ? named.fileName : undefined,
    };
  if (!c.ctx.media) return {};
  const audio = c.ctx.media.find((m) => m.kind === "audio");
  return audio ? { source: audio.id } : "none";
}

function isNamedAudio(c: Clause): boolean {
  return c
    .clipRefs()
    .some(
      (r) =>
        ("fileName" in r && isAudioName(r.fileName)) ||
        ("mediaId" in r && c.ctx.media?.some((m) => m.id === r.mediaId && m.kind === "audio")),
    );
}

export function detectMusic(c: Clause): Detection | null {
  let m = c.take(
    new RegExp(
      `(?:${REMOVE_VERB}|\\bno\\b|turn off|stop)\\s*(?:the\\s+|that\\s+|this\\s+|my\\s+|any\\s+)?(?:background\\s+)?(?:music|bgm|song|soundtrack|背景音乐|音乐|配乐|歌曲|歌)`,
    ),
  );
  if (m) return { at: m.index, ops: [{ op: "remove_music" }] };
  m =
    c.take(
      /\b(?:add|put|use|play|include|with|layer|lay|change|swap|switch|replace|different|another|new)\b(?:\s+\S+){0,4}?\s+(?:music|bgm|song|soundtrack|background track|beat)\b/,
    ) ??
    c.take(
      /\b(?:use|add|put)\s+⟦c\d+⟧\s*(?:as|for)\s*(?:the\s+)?(?:background|music|bgm|soundtrack)/,
    ) ??
    (musicSource(c) !== "none" && isNamedAudio(c) ? c.take(/\b(?:use|add|put|play)\b/) : null) ??
    c.take(
      /(?:加|添加|配上|加上|配|换|换成|换个|换首|换一)(?:一?(?:段|首|个|点|些))?(?:别的|其他的?|轻松的|欢快的)?(?:背景音乐|音乐|配乐|bgm|歌)/,
    ) ??
    (c.has(
      /^\s*(?:background )?music(?:\s+(?:please|pls|plz|too|as well))?\s*$|^\s*(?:来点|来首)?(?:背景音乐|配乐|音乐)(?:吧|呢)?\s*$/,
    )
      ? c.take(/(?:background )?music|(?:来点|来首)?(?:背景音乐|配乐|音乐)/)
      : null);
  if (!m) return null;
  const src = musicSource(c);
  if (src === "none") {
    return {
      at: m.index,
      clarify: c.asks.uploadMusic,
    };
  }
  const op: Extract<Op, { op: "music" }> = { op: "music", ...src };
  const p = c.percent();
  if (p !== undefined) op.level = p;
  else if (c.has(/\b(?:quiet|soft|subtle|low)\b|小声|轻/)) op.level = 0.2;
  if (
    c.has(
      /\bduck|under (?:the )?(?:voice|speech|talking)|lower (?:it )?when (?:i|someone) (?:talk|speak)|避让/,
    )
  )
    op.duck = true;
  if (c.has(/don'?t duck|no ducking|without ducking/)) op.duck = false;
  return { at: m.index, ops: [op] };
}

export function detectVolume(c: Clause): Detection | null {
  const track = (): "music" | "video" | undefined =>
    c.has(MUSIC) ? "music" : c.has(VOICE) ? "video" : undefined;
  let m: RegExpExecArray | null;
  const target = c.target();
  if ((m = c.take(/\bunmute\b|取消静音|恢复声音/))) {
    const t = track();
    return {
      at: m.index,
      ops: [withTarget({ op: "volume", level: 1, ...(t ? { track: t } : {}) }, target)],
    };
  }
  if (
    (m =
      c.take(
        /\bmute\b|\bsilence (?:the|it)\b|remove (?:the |all )?(?:sound|audio)|no (?:sound|audio)|turn off (?:the )?(?:sound|audio)|without (?:sound|audio)|kill (?:the )?(?:sound|audio)/,
      ) ??
      c.take(
        // 静音的地方 is the silent stretches (detectSilence), not "mute".
        /静音(?!的?(?:地方|部分|片段|段))|去掉(?:原)?声音|去掉原声|关掉声音|关闭声音|不要声音|(?:原声|声音)(?:都)?(?:关掉|关了|关闭|去掉)/,
      ))
  ) {
    const t = track();
    return {
      at: m.index,
      ops: [withTarget({ op: "volume", level: 0, ...(t ? { track: t } : {}) }, target)],
    };
  }
  const quieter =
    /\b(?:quieter|softer|lower|turn (?:it |the \w+ )?down|(?:volume|music|song|sound|audio)\s+down|reduce|decrease|less loud|too loud)\b|小声|小一点|小点|调低|降低|太吵|调小|关小|开小/;
  const louder =
    /\b(?:louder|turn (?:it |the \w+ )?up|(?:volume|music|song|sound|audio)\s+up|boost|increase|raise|amplify|too quiet|can'?t hear)\b|大声|大一点|大点|调高|提高|听不清|调大|开大|调响/;
  const volumeWord = /\b(?:volume|audio|sound|level|loudness)\b|音量|声音/;
  const p = c.percent();
  const lastMusic = c.ctx.lastPlan?.ops.some(
    (o) => o.op === "music" || (o.op === "volume" && o.track === "music"),
  );
  const t = track() ?? (lastMusic && !c.has(volumeWord) ? "music" : undefined);
  const current = t === "music" ? (c.ctx.musicLevel ?? 0.3) : 1;
  let level: number | null = null;
  let at = -1;
  if (p !== undefined && (c.has(volumeWord) || t)) {
    at = c.find(/⟦p/);
    level = p;
  } else if (
    (at = c.find(quieter)) >= 0 &&
    (c.has(volumeWord) ||
      t ||
      /^\s*(?:make (?:it|that) |a bit |a little |much )*(?:quieter|softer)/.test(c.text) ||
      c.has(/小声|调低/))
  ) {
    level = current * 0.5;
  } else if (
    (at = c.find(louder)) >= 0 &&
    (c.has(volumeWord) ||
      t ||
      /^\s*(?:make (?:it|that) |a bit |a little |much )*louder/.test(c.text) ||
      c.has(/大声|调高/))
  ) {
    level = Math.min(4, current * 1.5);
  } else if (t === "music" && c.has(/\bat\b|\bto\b/) && p !== undefined) {
    level = p;
  }
  if (level === null) return null;
  if (level > 4)
    return {
      at: Math.max(0, at),
      clarify: c.asks.volumeMax,
    };
  c.take(quieter);
  c.take(louder);
  c.take(volumeWord);
  if (t === "music" && !c.ctx.hasMusic && c.ctx.media !== undefined) {
    const src = musicSource(c);
    if (src === "none")
      return {
        at: Math.max(0, at),
        clarify: c.asks.noMusicYet,
      };
    return { at: Math.max(0, at), ops: [{ op: "music", ...src, level: round2(level) }] };
  }
  c.take(MUSIC);
  return {
    at: Math.max(0, at),
    ops: [withTarget({ op: "volume", level: round2(level), ...(t ? { track: t } : {}) }, target)],
  };
}

export function detectFade(c: Clause): Detection | null {
  const m = c.take(
    /\bfade(?:s|d)?\b(?:\s*-?\s*(?:(?:it|them|the video|the music|everything)\s+)?(?:in|out|to black|from black))?(?:\s+and\s+(?:out|in))?|淡入淡出|淡入|淡出|渐入|渐出|渐隐|渐显/,
  );
  if (!m) return null;
  const w = m[0];
  const spec = c.time();
  const n =
    spec &&
    (spec.kind === "value" ||
      spec.kind === "first" ||
      spec.kind === "last" ||
      spec.kind === "length")
      ? spec.n
      : 1;
  const both = /in.*out|out.*in|淡入淡出/.test(w) || !/in|out|black|淡|渐/.test(w);
  const isIn = both || /\bin\b|from black|淡入|渐入|渐显/.test(w);
  const isOut =
    both ||
    /\bout\b|to black|淡出|渐出|渐隐/.test(w) ||
    (spec?.kind === "last" && !/\bin\b/.test(w));
  const op: Extract<Op, { op: "fade" }> = { op: "fade" };
  if (isIn && !(spec?.kind === "last" && !both)) op.in = n;
  if (isOut) op.out = n;
  return { at: m.index, ops: [withTarget(op, c.target())] };
}

export function detectNormalize(c: Clause): Detection | null {
  const m = c.take(
    /\bnormali[sz]e\b|\bloudness\b|even out the (?:volume|audio|sound|levels)|fix the (?:audio|sound|volume) levels|balance the (?:audio|sound|levels)|level (?:out )?the audio|consistent volume|标准化|响度|统一音量|音量统一/,
  );
  if (!m) return null;
  const lufs = c.lufs();
  return {
    at: m.index,
    ops: [lufs !== undefined ? { op: "normalize", lufs } : { op: "normalize" }],
  };
}
