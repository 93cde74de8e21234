// The fake NemoVideo agent's "editing": a few word-triggered changes to a draft in the
// cloud's format, so turns (spoken or silent) really change the timeline and the
// client's diff has something to describe. Segments carry an unknown field (`fx`), as
// the real cloud's unpublished fields would.

export interface FakeMedia {
  id: string;
  name: string;
  kind: "video" | "image" | "audio";
  cdnUrl: string;
  durationMs: number;
  width: number;
  height: number;
}

type Json = Record<string, unknown>;
export interface FakeDraft {
  t: { tt: number; sg: Json[]; m?: Json }[];
  d: number;
  m: Json;
}

export function emptyFakeDraft(): FakeDraft {
  return { t: [], d: 0, m: { title: "project", width: 1920, height: 1080 } };
}

function restack(track: { sg: Json[] }): void {
  let st = 0;
  for (const s of track.sg) {
    s.st = st;
    st += Number(s.d);
  }
}

function total(draft: FakeDraft): number {
  let end = 0;
  for (const t of draft.t) for (const s of t.sg) end = Math.max(end, Number(s.st) + Number(s.d));
  return end;
}

/** Applies the edits the message asks for; returns what was done, in words (empty: nothing). */
export function applyWords(draft: FakeDraft, message: string, media: FakeMedia[]): string[] {
  const m = message.toLowerCase();
  const done: string[] = [];
  let video = draft.t.find((t) => t.tt === 0);
  if (
    /(put|add|place).*(clip|timeline|file)|timeline/.test(m) &&
    media.some((x) => x.kind !== "audio")
  ) {
    if (!video) draft.t.unshift((video = { tt: 0, sg: [], m: { name: "Main video" } }));
    const have = new Set(video.sg.map((s) => s.src));
    for (const x of media) {
      if (x.kind === "audio" || have.has(x.cdnUrl)) continue;
      const d = x.kind === "image" ? 3000 : x.durationMs;
      // The cloud names sources by CDN URL, not by anything the client chose.
      video.sg.push({
        id: `v_${x.id}`,
        st: 0,
        d,
        src: x.cdnUrl,
        name: x.name,
        in: 0,
        out: d,
        fx: { engine: "nemo" },
      });
    }
    restack(video);
    done.push("placed your clips on the timeline");
  }
  if (/\btrim\b|\bcut\b/.test(m) && video?.sg.length) {
    const first = video.sg[0];
    const cut = Math.min(1000, Number(first.d) - 200);
    if (cut > 0) {
      first.in = Number(first.in) + cut;
      first.d = Number(first.d) - cut;
      restack(video);
      done.push("trimmed the intro");
    }
  }
  if (/caption|subtitle/.test(m) && !/remove/.test(m)) {
    let cap = draft.t.find((t) => t.tt === 7 && t.m?.role === "captions");
    const end = Math.max(total(draft), 2000);
    if (!cap) {
      draft.t.push((cap = { tt: 7, sg: [], m: { role: "captions", name: "Captions" } }));
      cap.sg.push(
        {
          id: "c1",
          st: 0,
          d: Math.floor(end / 2),
          text: "Hello and welcome",
          kind: "caption",
          size: 0.06,
          fx: { outline: 2 },
        },
        {
          id: "c2",
          st: Math.floor(end / 2),
          d: end - Math.floor(end / 2),
          text: "to the tutorial",
          kind: "caption",
          size: 0.06,
        },
      );
      done.push("added captions");
    } else if (/bigger|larger/.test(m)) {
      for (const s of cap.sg) s.size = Math.round(Number(s.size) * 1.5 * 1000) / 1000;
      done.push("made the captions bigger");
    }
  }
  const title = /title\s+["“]([^"”]+)["”]/i.exec(message);
  if (title) {
    draft.t.push({
      tt: 7,
      sg: [
        {
          id: `t_${draft.t.length}`,
          st: 0,
          d: 3000,
          text: title[1],
          kind: "title",
          position: "center",
        },
      ],
      m: { role: "titles" },
    });
    done.push(`added the title "${title[1]}"`);
  }
  if (/music|bgm/.test(m) && !/remove/.test(m)) {
    const song = media.find((x) => x.kind === "audio");
    if (song) {
      draft.t.push({
        tt: 1,
        sg: [
          {
            id: `a_${song.id}`,
            st: 0,
            d: Math.max(total(draft), 1000),
            src: song.cdnUrl,
            name: song.name,
            in: 0,
            out: song.durationMs,
            volume: 0.35,
          },
        ],
        m: { role: "music" },
      });
      done.push(`added ${song.name} as background music`);
    }
  }
  if (/vertical|9:16|tiktok|shorts/.test(m)) {
    draft.m = { ...draft.m, width: 1080, height: 1920 };
    done.push("made the frame vertical");
  }
  draft.d = total(draft);
  return done;
}
